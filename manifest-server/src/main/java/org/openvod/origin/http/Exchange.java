package org.openvod.origin.http;

import org.openvod.origin.routing.Route;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;

/** One playback request in flight: what the access log and the metrics need once it ends. */
final class Exchange {

  final HttpServerRequest request;
  final HttpServerResponse response;
  final long startNanos;
  Route route = Route.UNKNOWN;
  int status;
  volatile long sentBytes;

  Exchange(HttpServerRequest request, HttpServerResponse response, long startNanos) {
    this.request = request;
    this.response = response;
    this.startNanos = startNanos;
  }
}
