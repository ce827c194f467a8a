package org.openvod.ingest.output;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.SequenceInputStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.LongConsumer;
import org.openvod.engine.output.FileParts;
import org.openvod.engine.output.OutputSink;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Stores one output's files in the output bucket under its key prefix. Refuses to write once the
 * output was stopped (its asset or configuration deleted, its partition revoked), so a stopped job
 * leaves nothing behind after its cleanup.
 */
public final class S3OutputSink implements OutputSink {

  private final S3Client s3;
  private final String bucket;
  private final String keyPrefix;
  private final BooleanSupplier stopped;
  private final LongConsumer bytesWritten;
  private volatile boolean failedTransiently;

  public S3OutputSink(
      S3Client s3,
      String bucket,
      String keyPrefix,
      BooleanSupplier stopped,
      LongConsumer bytesWritten) {
    this.s3 = s3;
    this.bucket = bucket;
    this.keyPrefix = keyPrefix;
    this.stopped = stopped;
    this.bytesWritten = bytesWritten;
  }

  @Override
  public void put(String path, byte[] data, String contentType) throws IOException {
    String type = ContentTypes.forFile(path, contentType);
    store(path, RequestBody.fromBytes(data), type, data.length);
  }

  private void store(String path, RequestBody body, String contentType, long length)
      throws IOException {
    if (stopped.getAsBoolean() || Thread.currentThread().isInterrupted()) {
      throw new InterruptedIOException("output stopped");
    }
    String key = keyPrefix + path;
    try {
      s3.putObject(b -> b.bucket(bucket).key(key).contentType(contentType), body);
    } catch (SdkException e) {
      // the SDK has already retried; a later pass of this output may still succeed
      failedTransiently = true;
      throw new IOException("storing s3://" + bucket + "/" + key + " failed: " + e.getMessage(), e);
    }
    bytesWritten.accept(length);
  }

  /**
   * Streams the parts to S3 without joining them: an fMP4 segment is its boxes and its samples' own
   * arrays, so joining would copy every sample once more per output.
   */
  @Override
  public void putParts(String path, FileParts parts, String contentType) throws IOException {
    long length = parts.length();
    String type = ContentTypes.forFile(path, contentType);
    store(
        path,
        RequestBody.fromContentProvider(
            () -> {
              List<InputStream> streams = new ArrayList<>();
              for (byte[] part : parts.parts()) {
                streams.add(new ByteArrayInputStream(part));
              }
              return new SequenceInputStream(Collections.enumeration(streams));
            },
            length,
            type),
        type,
        length);
  }

  /** True when a write failed for a reason other than the output being stopped. */
  public boolean failedTransiently() {
    return failedTransiently;
  }

  public String keyPrefix() {
    return keyPrefix;
  }
}
