package org.openvod.origin.http;

import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.util.AsciiString;
import java.nio.ByteBuffer;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiFunction;
import org.openvod.origin.auth.CdnAuthorizer;
import org.openvod.origin.routing.Route;
import org.openvod.origin.routing.RoutingView;
import org.openvod.origin.routing.RoutingViewFollower;
import org.openvod.origin.storage.LoadResult;
import org.openvod.origin.storage.ObjectCache;
import org.openvod.origin.storage.ObjectMeta;
import org.openvod.origin.storage.S3ObjectStore;
import org.reactivestreams.Publisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;

/**
 * Answers playback requests ({@code /out/v1/...}) directly on Reactor Netty, ahead of Spring's
 * dispatcher, because this is the hot path of a CDN origin: parse and validate the path, check the
 * routing view (404 unless playable), CDN authorization (403), then serve from the object cache or
 * stream from S3 with full HTTP semantics (validators, 304, single ranges, HEAD, gzip for
 * manifests, CORS, cache lifetimes).
 */
public final class OriginHandler
    implements BiFunction<HttpServerRequest, HttpServerResponse, Publisher<Void>> {

  private static final Logger LOG = LoggerFactory.getLogger(OriginHandler.class);

  // header values as AsciiString: Netty copies them to the wire without re-encoding
  static final AsciiString IMMUTABLE = AsciiString.cached("public, max-age=31536000, immutable");
  static final AsciiString NO_STORE = AsciiString.cached("no-store");
  static final AsciiString ANY_ORIGIN = AsciiString.cached("*");
  static final AsciiString BYTES = AsciiString.cached("bytes");
  static final AsciiString GZIP = AsciiString.cached("gzip");
  static final AsciiString EXPOSED =
      AsciiString.cached(
          "Content-Length, Content-Range, Content-Type, ETag, Last-Modified, Accept-Ranges, Date");
  static final AsciiString ALLOWED_METHODS = AsciiString.cached("GET, HEAD, OPTIONS");
  static final AsciiString ALLOWED_HEADERS =
      AsciiString.cached(
          "Range, If-Range, If-None-Match, If-Modified-Since, Accept, Accept-Encoding, Content-Type");
  private static final Map<MediaKind, AsciiString> CONTENT_TYPES = contentTypes();

  private final RoutingView view;
  private final RoutingViewFollower follower;
  private final CdnAuthorizer authorizer;
  private final ObjectCache cache;
  private final S3ObjectStore store;
  private final RequestRecorder recorder;
  private final AsciiString manifestCacheControl;

  public OriginHandler(
      RoutingView view,
      RoutingViewFollower follower,
      CdnAuthorizer authorizer,
      ObjectCache cache,
      S3ObjectStore store,
      RequestRecorder recorder,
      long manifestMaxAgeSeconds) {
    this.view = view;
    this.follower = follower;
    this.authorizer = authorizer;
    this.cache = cache;
    this.store = store;
    this.recorder = recorder;
    this.manifestCacheControl = AsciiString.cached("public, max-age=" + manifestMaxAgeSeconds);
  }

  /** Which requests this handler takes: playback paths and anything not in origin-form. */
  public static boolean handles(HttpServerRequest request) {
    String uri = request.uri();
    return uri.startsWith("/out/") || uri.isEmpty() || uri.charAt(0) != '/';
  }

  @Override
  public Publisher<Void> apply(HttpServerRequest request, HttpServerResponse response) {
    Exchange x = new Exchange(request, response, System.nanoTime());
    Mono<Void> result;
    try {
      result = Mono.from(handle(x));
    } catch (RuntimeException e) {
      LOG.warn("request {} failed: {}", request.uri(), e.toString());
      result = Mono.from(status(x, HttpResponseStatus.INTERNAL_SERVER_ERROR));
    }
    return result.doFinally(signal -> recorder.record(x));
  }

  private Publisher<Void> handle(Exchange x) {
    HttpServerResponse res = x.response;
    HttpHeaders out = res.responseHeaders();
    out.set(HttpHeaderNames.DATE, HttpDates.now());
    out.set(HttpHeaderNames.ACCESS_CONTROL_ALLOW_ORIGIN, ANY_ORIGIN);
    out.set(HttpHeaderNames.ACCESS_CONTROL_EXPOSE_HEADERS, EXPOSED);
    HttpMethod method = x.request.method();
    boolean head = HttpMethod.HEAD.equals(method);
    if (!HttpMethod.GET.equals(method) && !head && !HttpMethod.OPTIONS.equals(method)) {
      out.set(HttpHeaderNames.ALLOW, ALLOWED_METHODS);
      return status(x, HttpResponseStatus.METHOD_NOT_ALLOWED);
    }
    EgressPath path;
    try {
      path = EgressPath.parse(x.request.uri());
    } catch (EgressPath.InvalidPathException e) {
      return status(x, HttpResponseStatus.BAD_REQUEST);
    }
    if (HttpMethod.OPTIONS.equals(method)) {
      return preflight(x);
    }
    if (!follower.isLoaded()) {
      out.set(HttpHeaderNames.RETRY_AFTER, "1");
      return status(x, HttpResponseStatus.SERVICE_UNAVAILABLE);
    }
    Route route = view.route(path.assetHex(), path.configHex(), path.manifestHex());
    x.route = route;
    if (!route.servable()) {
      return status(x, HttpResponseStatus.NOT_FOUND);
    }
    HttpHeaders in = x.request.requestHeaders();
    if (!authorizer.allows(route.group(), in.get(CdnAuthorizer.HEADER))) {
      return status(x, HttpResponseStatus.FORBIDDEN);
    }
    MediaKind kind = MediaKind.of(path.file());
    String key = path.objectKey();
    CompletableFuture<LoadResult> loading = cache.get(key);
    if (loading.isDone()) {
      return loaded(x, kind, key, head, loading.handle(Loaded::new).join());
    }
    // Completing on the S3 client's thread is fine: writes are handed to the channel's loop.
    return Mono.fromFuture(loading.handle(Loaded::new))
        .flatMap(outcome -> Mono.from(loaded(x, kind, key, head, outcome)));
  }

  /** The outcome of a cache lookup: an object, nothing (no such object), or a failure. */
  private record Loaded(LoadResult value, Throwable error) {}

  private Publisher<Void> loaded(
      Exchange x, MediaKind kind, String key, boolean head, Loaded outcome) {
    if (outcome.error() != null) {
      LOG.warn("cannot read {} from the output bucket: {}", key, outcome.error().toString());
      return status(x, HttpResponseStatus.BAD_GATEWAY);
    }
    if (outcome.value() == null) {
      return status(x, HttpResponseStatus.NOT_FOUND);
    }
    return serve(x, kind, key, outcome.value(), head);
  }

  private Publisher<Void> serve(
      Exchange x, MediaKind kind, String key, LoadResult loaded, boolean head) {
    HttpHeaders in = x.request.requestHeaders();
    HttpHeaders out = x.response.responseHeaders();
    ObjectMeta meta = loaded.meta();
    LoadResult.Cached cached = loaded instanceof LoadResult.Cached c ? c : null;
    String rangeHeader = in.get(HttpHeaderNames.RANGE);
    // a gzip variant is only chosen for whole-body requests; ranges address the identity bytes
    boolean gzip =
        cached != null
            && cached.gzip() != null
            && rangeHeader == null
            && AcceptEncoding.allowsGzip(in.get(HttpHeaderNames.ACCEPT_ENCODING));
    String etag = gzip ? cached.gzipEtag() : meta.etag();

    out.set(HttpHeaderNames.CACHE_CONTROL, kind.isManifest() ? manifestCacheControl : IMMUTABLE);
    if (etag != null) {
      out.set(HttpHeaderNames.ETAG, etag);
    }
    if (meta.lastModified() != null) {
      out.set(HttpHeaderNames.LAST_MODIFIED, meta.lastModifiedHttp());
    }
    if (cached != null && cached.gzip() != null) {
      out.set(HttpHeaderNames.VARY, HttpHeaderNames.ACCEPT_ENCODING);
    }
    if (Preconditions.notModified(
        in.get(HttpHeaderNames.IF_NONE_MATCH),
        in.get(HttpHeaderNames.IF_MODIFIED_SINCE),
        meta.lastModified(),
        meta.etag(),
        cached == null ? null : cached.gzipEtag())) {
      return status(x, HttpResponseStatus.NOT_MODIFIED);
    }
    out.set(HttpHeaderNames.CONTENT_TYPE, CONTENT_TYPES.get(kind));
    out.set(HttpHeaderNames.ACCEPT_RANGES, BYTES);

    long total = meta.length();
    ByteRange.Request wanted =
        Preconditions.rangeAllowed(
                in.get(HttpHeaderNames.IF_RANGE), meta.etag(), meta.lastModified())
            ? ByteRange.parse(rangeHeader, total)
            : new ByteRange.Whole();
    if (wanted instanceof ByteRange.Unsatisfiable) {
      out.set(HttpHeaderNames.CONTENT_RANGE, "bytes */" + total);
      out.set(HttpHeaderNames.CACHE_CONTROL, NO_STORE);
      out.remove(HttpHeaderNames.CONTENT_TYPE);
      return status(x, HttpResponseStatus.REQUESTED_RANGE_NOT_SATISFIABLE);
    }
    ByteRange range = wanted instanceof ByteRange.Partial p ? p.range() : null;
    if (range != null) {
      x.response.status(HttpResponseStatus.PARTIAL_CONTENT);
      out.set(HttpHeaderNames.CONTENT_RANGE, range.contentRange(total));
    } else {
      x.response.status(HttpResponseStatus.OK);
    }
    x.status = range != null ? 206 : 200;

    if (cached != null) {
      ByteBuffer body = gzip ? cached.gzip().duplicate() : cached.body().duplicate();
      if (gzip) {
        out.set(HttpHeaderNames.CONTENT_ENCODING, GZIP);
      }
      if (range != null) {
        body.position((int) range.first()).limit((int) range.last() + 1);
      }
      int length = body.remaining();
      out.setInt(HttpHeaderNames.CONTENT_LENGTH, length);
      if (head) {
        return x.response.send();
      }
      x.sentBytes = length;
      return x.response.send(Mono.just(Unpooled.wrappedBuffer(body)));
    }
    long length = range != null ? range.length() : total;
    out.set(HttpHeaderNames.CONTENT_LENGTH, length);
    if (head) {
      return x.response.send();
    }
    return x.response.send(
        store.stream(key, meta, range).doOnNext(chunk -> x.sentBytes += chunk.readableBytes()));
  }

  private static Map<MediaKind, AsciiString> contentTypes() {
    Map<MediaKind, AsciiString> types = new EnumMap<>(MediaKind.class);
    for (MediaKind kind : MediaKind.values()) {
      types.put(kind, AsciiString.cached(kind.contentType()));
    }
    return types;
  }

  private Publisher<Void> preflight(Exchange x) {
    HttpHeaders out = x.response.responseHeaders();
    out.set(HttpHeaderNames.ACCESS_CONTROL_ALLOW_METHODS, ALLOWED_METHODS);
    out.set(HttpHeaderNames.ACCESS_CONTROL_ALLOW_HEADERS, ALLOWED_HEADERS);
    out.set(HttpHeaderNames.ACCESS_CONTROL_MAX_AGE, "86400");
    out.set(HttpHeaderNames.ALLOW, ALLOWED_METHODS);
    return status(x, HttpResponseStatus.NO_CONTENT);
  }

  /** A response without a body. Errors are never cached by a CDN; 304 keeps its validators. */
  private Publisher<Void> status(Exchange x, HttpResponseStatus status) {
    x.status = status.code();
    HttpHeaders out = x.response.responseHeaders();
    if (status.code() >= 400) {
      out.set(HttpHeaderNames.CACHE_CONTROL, NO_STORE);
    }
    if (status.code() != 304 && status.code() != 204) {
      out.setInt(HttpHeaderNames.CONTENT_LENGTH, 0);
    }
    return x.response.status(status).send();
  }
}
