package org.openvod.origin.storage;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.zip.GZIPOutputStream;
import org.openvod.origin.http.ByteRange;
import org.openvod.origin.http.MediaKind;
import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import software.amazon.awssdk.core.async.AsyncResponseTransformer;
import software.amazon.awssdk.core.async.ResponsePublisher;
import software.amazon.awssdk.services.s3.S3AsyncClient;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Reads packaged outputs from the output bucket with the asynchronous S3 client, never holding more
 * of an object than the cache may keep: small objects are gathered whole (one GET), larger ones are
 * relayed chunk by chunk under the client's back-pressure.
 */
public final class S3ObjectStore {

  private final S3AsyncClient s3;
  private final String bucket;
  private final long maxEntryBytes;
  private final InflightBudget budget;
  private final Counter gets;

  public S3ObjectStore(
      S3AsyncClient s3,
      String bucket,
      long maxEntryBytes,
      long maxInflightBytes,
      MeterRegistry registry) {
    this.s3 = s3;
    this.bucket = bucket;
    this.maxEntryBytes = maxEntryBytes;
    this.budget = new InflightBudget(maxInflightBytes);
    this.gets =
        Counter.builder("openvod.origin.s3.gets")
            .description("GetObject requests the origin sent to the output bucket")
            .register(registry);
  }

  /**
   * One GET of the whole object: its bytes when it fits an entry, else only its metadata (the body
   * is abandoned). Completes with null when the object does not exist.
   */
  public CompletableFuture<LoadResult> load(String key) {
    gets.increment();
    GetObjectRequest request = GetObjectRequest.builder().bucket(bucket).key(key).build();
    return s3.getObject(request, AsyncResponseTransformer.<GetObjectResponse>toPublisher())
        .thenCompose(publisher -> gather(key, publisher))
        .exceptionally(S3ObjectStore::nullIfMissing);
  }

  private CompletableFuture<LoadResult> gather(
      String key, ResponsePublisher<GetObjectResponse> publisher) {
    GetObjectResponse response = publisher.response();
    if (response.contentLength() == null) {
      abandon(publisher);
      throw new IllegalStateException("object " + key + " came without a Content-Length");
    }
    ObjectMeta meta =
        new ObjectMeta(response.contentLength(), response.eTag(), response.lastModified());
    long length = meta.length();
    if (length > maxEntryBytes) {
      abandon(publisher);
      return CompletableFuture.completedFuture(new LoadResult.Streamed(meta, true));
    }
    if (!budget.tryAcquire(length)) {
      abandon(publisher);
      return CompletableFuture.completedFuture(new LoadResult.Streamed(meta, false));
    }
    ByteBuffer body = ByteBuffer.allocateDirect((int) length);
    return publisher
        .subscribe(
            chunk -> {
              if (chunk.remaining() > body.remaining()) {
                throw new IllegalStateException(
                    "object " + key + " is longer than its Content-Length " + length);
              }
              body.put(chunk);
            })
        .handle(
            (ignored, error) -> {
              budget.release(length);
              if (error != null) {
                throw error instanceof CompletionException ce ? ce : new CompletionException(error);
              }
              if (body.hasRemaining()) {
                throw new IllegalStateException(
                    "object " + key + " ended before its Content-Length " + length);
              }
              body.flip();
              ByteBuffer gzip = MediaKind.of(key).isManifest() ? gzip(body.duplicate()) : null;
              return new LoadResult.Cached(meta, body.asReadOnlyBuffer(), gzip);
            });
  }

  /**
   * Streams an object (or one range of it) that is too large for the cache. The ETag pins the
   * version the headers were computed from: if the object changed meanwhile the GET fails and the
   * response is cut short instead of mixing two versions.
   */
  public Flux<ByteBuf> stream(String key, ObjectMeta meta, ByteRange range) {
    return Mono.defer(
            () -> {
              gets.increment();
              GetObjectRequest.Builder request =
                  GetObjectRequest.builder().bucket(bucket).key(key).ifMatch(meta.etag());
              if (range != null) {
                request.range("bytes=" + range.first() + "-" + range.last());
              }
              return Mono.fromFuture(
                  s3.getObject(
                      request.build(), AsyncResponseTransformer.<GetObjectResponse>toPublisher()));
            })
        .flatMapMany(publisher -> Flux.from(publisher).map(Unpooled::wrappedBuffer));
  }

  private static void abandon(ResponsePublisher<GetObjectResponse> publisher) {
    publisher.subscribe(
        new Subscriber<ByteBuffer>() {
          @Override
          public void onSubscribe(Subscription s) {
            s.cancel();
          }

          @Override
          public void onNext(ByteBuffer byteBuffer) {}

          @Override
          public void onError(Throwable t) {}

          @Override
          public void onComplete() {}
        });
  }

  private static LoadResult nullIfMissing(Throwable error) {
    Throwable cause =
        error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
    if (cause instanceof S3Exception s3 && s3.statusCode() == 404) {
      return null;
    }
    throw error instanceof CompletionException ce ? ce : new CompletionException(cause);
  }

  private static ByteBuffer gzip(ByteBuffer source) {
    byte[] plain = new byte[source.remaining()];
    source.get(plain);
    ByteArrayOutputStream out = new ByteArrayOutputStream(plain.length / 3 + 64);
    try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
      gz.write(plain);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    byte[] packed = out.toByteArray();
    ByteBuffer direct = ByteBuffer.allocateDirect(packed.length);
    direct.put(packed).flip();
    return direct.asReadOnlyBuffer();
  }
}
