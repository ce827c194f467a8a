package org.openvod.controlapi.api;

import java.io.ByteArrayOutputStream;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Reads a request body up to a limit. A larger body is still read to its end (and dropped), so the
 * client gets the 422 answer instead of a reset connection.
 */
final class BodyReader {

  /**
   * @param bytes the body, or null when it was larger than the limit
   * @param length the body's full length
   */
  record Body(byte[] bytes, long length) {
    boolean oversized() {
      return bytes == null;
    }
  }

  private BodyReader() {}

  static Mono<Body> read(Flux<DataBuffer> body, int maxBytes) {
    return body.reduce(
            new Accumulator(maxBytes),
            (acc, buffer) -> {
              try {
                acc.add(buffer);
              } finally {
                DataBufferUtils.release(buffer);
              }
              return acc;
            })
        .defaultIfEmpty(new Accumulator(maxBytes))
        .map(Accumulator::body);
  }

  private static final class Accumulator {
    private final int maxBytes;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private long length;

    Accumulator(int maxBytes) {
      this.maxBytes = maxBytes;
    }

    void add(DataBuffer buffer) {
      int n = buffer.readableByteCount();
      length += n;
      if (length <= maxBytes) {
        byte[] bytes = new byte[n];
        buffer.read(bytes);
        out.write(bytes, 0, n);
      }
    }

    Body body() {
      return new Body(length <= maxBytes ? out.toByteArray() : null, length);
    }
  }
}
