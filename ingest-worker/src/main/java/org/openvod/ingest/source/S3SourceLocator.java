package org.openvod.ingest.source;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.function.BooleanSupplier;
import java.util.function.LongConsumer;
import org.openvod.engine.media.PackagingException;
import org.openvod.engine.source.ByteSource;
import org.openvod.engine.source.SourceLocator;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * The files of one source in S3, by path relative to the root file's folder. Paths are resolved the
 * way a player resolves playlist URIs ({@code ..} climbs a folder, a leading {@code /} starts at
 * the bucket root); a path that would leave the bucket, or names another host, is refused.
 */
public final class S3SourceLocator implements SourceLocator {

  private final S3Client s3;
  private final String bucket;
  private final String folder;
  private final BooleanSupplier cancelled;
  private final LongConsumer bytesRead;

  /**
   * @param folder the root file's folder, "" or ending with '/'
   * @param cancelled checked before every request, so a stopped job stops reading
   * @param bytesRead told every byte read from the source
   */
  public S3SourceLocator(
      S3Client s3,
      String bucket,
      String folder,
      BooleanSupplier cancelled,
      LongConsumer bytesRead) {
    this.s3 = s3;
    this.bucket = bucket;
    this.folder = folder;
    this.cancelled = cancelled;
    this.bytesRead = bytesRead;
  }

  @Override
  public ByteSource open(String path) throws IOException, PackagingException {
    String key = resolve(folder, path);
    checkNotCancelled();
    HeadObjectResponse head;
    try {
      head = s3.headObject(b -> b.bucket(bucket).key(key));
    } catch (S3Exception e) {
      if (e.statusCode() == 404) {
        throw new PackagingException(
            PackagingException.Reason.MISSING_SOURCE,
            "source file s3://" + bucket + "/" + key + " does not exist");
      }
      if (e.statusCode() == 403) {
        throw new PackagingException(
            PackagingException.Reason.MISSING_SOURCE,
            "access to source file s3://" + bucket + "/" + key + " was denied (403)");
      }
      throw new IOException("reading s3://" + bucket + "/" + key + " failed: " + e.getMessage(), e);
    } catch (SdkException e) {
      throw new IOException("reading s3://" + bucket + "/" + key + " failed: " + e.getMessage(), e);
    }
    return new S3ByteSource(
        s3, bucket, key, head.contentLength(), this::checkNotCancelled, bytesRead);
  }

  private void checkNotCancelled() throws IOException {
    if (cancelled.getAsBoolean() || Thread.currentThread().isInterrupted()) {
      throw new InterruptedIOException("the job was stopped");
    }
  }

  /**
   * The object key of {@code path} relative to {@code folder}.
   *
   * @throws PackagingException MALFORMED_SOURCE when the path leaves the bucket
   */
  public static String resolve(String folder, String path) throws PackagingException {
    if (path == null || path.isEmpty()) {
      throw new PackagingException(PackagingException.Reason.MALFORMED_SOURCE, "empty source path");
    }
    if (path.contains("://") || path.startsWith("//")) {
      throw new PackagingException(
          PackagingException.Reason.MALFORMED_SOURCE,
          "source path '" + path + "' points outside the source bucket");
    }
    Deque<String> parts = new ArrayDeque<>();
    String joined = path.startsWith("/") ? path.substring(1) : folder + path;
    for (String part : joined.split("/", -1)) {
      if (part.equals(".")) {
        continue;
      }
      if (part.equals("..")) {
        if (parts.isEmpty()) {
          throw new PackagingException(
              PackagingException.Reason.MALFORMED_SOURCE,
              "source path '" + path + "' leaves the source bucket");
        }
        parts.removeLast();
        continue;
      }
      parts.addLast(part);
    }
    String key = String.join("/", parts);
    if (key.isEmpty() || key.endsWith("/")) {
      throw new PackagingException(
          PackagingException.Reason.MALFORMED_SOURCE,
          "source path '" + path + "' does not name a file");
    }
    return key;
  }
}
