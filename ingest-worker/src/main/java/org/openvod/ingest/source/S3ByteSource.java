package org.openvod.ingest.source;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.function.LongConsumer;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Exception;

/** One source object read by range (ranged GetObject), so no read holds the whole file. */
final class S3ByteSource implements org.openvod.engine.source.ByteSource {

  /** Checks that the job may still read; throws when it was stopped. */
  interface Guard {
    void check() throws IOException;
  }

  private final S3Client s3;
  private final String bucket;
  private final String key;
  private final long length;
  private final Guard guard;
  private final LongConsumer bytesRead;

  S3ByteSource(
      S3Client s3, String bucket, String key, long length, Guard guard, LongConsumer bytesRead) {
    this.s3 = s3;
    this.bucket = bucket;
    this.key = key;
    this.length = length;
    this.guard = guard;
    this.bytesRead = bytesRead;
  }

  @Override
  public long length() {
    return length;
  }

  @Override
  public InputStream open(long offset, long count) throws IOException {
    if (offset < 0 || count < 0) {
      throw new IOException(
          "invalid range " + offset + "+" + count + " of s3://" + bucket + "/" + key);
    }
    long end = Math.min(length, offset + count) - 1;
    if (count == 0 || offset >= length) {
      return InputStream.nullInputStream();
    }
    guard.check();
    String range = "bytes=" + offset + "-" + end;
    try {
      return new Counting(s3.getObject(b -> b.bucket(bucket).key(key).range(range)), bytesRead);
    } catch (S3Exception e) {
      String what = "reading " + range + " of s3://" + bucket + "/" + key + " failed: ";
      if (e.statusCode() == 404 || e.statusCode() == 403) {
        throw new PermanentSourceException(what + e.getMessage(), e);
      }
      throw new IOException(what + e.getMessage(), e);
    } catch (SdkException e) {
      throw new IOException(
          "reading " + range + " of s3://" + bucket + "/" + key + " failed: " + e.getMessage(), e);
    }
  }

  /** Counts what the engine actually reads, for the bytes-read metric. */
  private static final class Counting extends FilterInputStream {
    private final LongConsumer counter;

    Counting(InputStream in, LongConsumer counter) {
      super(in);
      this.counter = counter;
    }

    @Override
    public int read() throws IOException {
      int b = super.read();
      if (b >= 0) {
        counter.accept(1);
      }
      return b;
    }

    @Override
    public int read(byte[] buffer, int off, int len) throws IOException {
      int n = super.read(buffer, off, len);
      if (n > 0) {
        counter.accept(n);
      }
      return n;
    }
  }
}
