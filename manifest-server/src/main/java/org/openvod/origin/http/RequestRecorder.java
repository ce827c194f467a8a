package org.openvod.origin.http;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import org.openvod.events.model.PackagingGroup;
import org.openvod.origin.egress.EgressLogRecord;
import org.openvod.origin.egress.EgressLogWriter;
import org.openvod.origin.egress.EgressMetrics;
import org.openvod.origin.routing.Route;

/**
 * Records every finished playback request: metrics always, an egress access log line when the
 * packaging group has egress access logging configured.
 */
public final class RequestRecorder {

  private static final String ID_PREFIX =
      Long.toHexString(ThreadLocalRandom.current().nextLong() | Long.MIN_VALUE);

  private final EgressMetrics metrics;
  private final EgressLogWriter logs;
  private final AtomicLong sequence = new AtomicLong();

  public RequestRecorder(EgressMetrics metrics, EgressLogWriter logs) {
    this.metrics = metrics;
    this.logs = logs;
  }

  void record(Exchange x) {
    long nanos = System.nanoTime() - x.startNanos;
    Route route = x.route;
    metrics.record(route.configurationId(), x.status, x.sentBytes, nanos);
    PackagingGroup group = route.group();
    if (group != null && group.egressAccessLogs() != null) {
      logs.log(group.egressAccessLogs().logGroupName(), logRecord(x, route, group, nanos));
    }
  }

  private EgressLogRecord logRecord(Exchange x, Route route, PackagingGroup group, long nanos) {
    HttpHeaders in = x.request.requestHeaders();
    String host = in.get(HttpHeaderNames.HOST);
    String uri = x.request.uri();
    String scheme = x.request.scheme();
    InetSocketAddress remote = x.request.remoteAddress();
    String[] arn = group.arn() == null ? new String[0] : group.arn().split(":");
    var asset = route.asset() == null ? null : route.asset().asset();
    var config = route.configuration() == null ? null : route.configuration().configuration();
    return new EgressLogRecord(
        Instant.now().toString(),
        remote == null || remote.getAddress() == null ? null : remote.getAddress().getHostAddress(),
        nanos / 1e9,
        x.status,
        receivedBytes(x),
        x.sentBytes,
        x.request.method().name(),
        uri.startsWith("/") ? scheme + "://" + host + uri : uri,
        x.request.version().text(),
        in.get(HttpHeaderNames.USER_AGENT),
        arn.length > 4 ? arn[4] : null,
        arn.length > 3 ? arn[3] : null,
        host,
        ID_PREFIX + "-" + Long.toHexString(sequence.incrementAndGet()),
        group.id(),
        group.arn(),
        asset == null ? null : asset.id(),
        asset == null ? null : asset.arn(),
        config == null ? null : config.id(),
        config == null ? null : config.arn());
  }

  /**
   * Bytes of the request head as sent (request line and headers); playback requests have no body.
   */
  private static long receivedBytes(Exchange x) {
    long bytes = x.request.method().name().length() + 1 + x.request.uri().length() + 1 + 8 + 2 + 2;
    for (Map.Entry<String, String> h : x.request.requestHeaders()) {
      bytes += h.getKey().length() + 2 + h.getValue().length() + 2;
    }
    return bytes;
  }
}
