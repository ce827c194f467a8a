package org.openvod.ingest.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import org.openvod.events.testing.TestS3;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/** Reads what a worker stored in an output bucket. */
public final class OutputBucket {

  private final String bucket;
  private final S3Client s3 = TestS3.client();

  public OutputBucket(String bucket) {
    this.bucket = bucket;
  }

  /** Key to SHA-256 of every object under {@code prefix}. */
  public Map<String, String> digests(String prefix) {
    Map<String, String> out = new TreeMap<>();
    try (S3Client s3 = TestS3.client()) {
      for (S3Object o :
          s3.listObjectsV2Paginator(b -> b.bucket(bucket).prefix(prefix)).contents()) {
        byte[] data = s3.getObjectAsBytes(b -> b.bucket(bucket).key(o.key())).asByteArray();
        out.put(
            o.key(), HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data)));
      }
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
    return out;
  }

  public int count(String prefix) {
    return (int)
        s3.listObjectsV2Paginator(b -> b.bucket(bucket).prefix(prefix)).contents().stream().count();
  }

  public String contentType(String key) {
    try (S3Client s3 = TestS3.client()) {
      return s3.headObject(b -> b.bucket(bucket).key(key)).contentType();
    }
  }

  /** Copies every object under {@code prefix} into a fresh folder, keeping relative paths. */
  public Path download(String prefix) throws IOException {
    Path dir = Files.createTempDirectory("ingest-output");
    try (S3Client s3 = TestS3.client()) {
      for (S3Object o :
          s3.listObjectsV2Paginator(b -> b.bucket(bucket).prefix(prefix)).contents()) {
        Path file = dir.resolve(o.key().substring(prefix.length()));
        Files.createDirectories(file.getParent());
        Files.write(file, s3.getObjectAsBytes(b -> b.bucket(bucket).key(o.key())).asByteArray());
      }
    }
    return dir;
  }

  /** Waits until nothing is left under {@code prefix}; true when so. */
  public boolean awaitEmpty(String prefix, long millis) throws InterruptedException {
    long deadline = System.currentTimeMillis() + millis;
    while (System.currentTimeMillis() < deadline) {
      if (count(prefix) == 0) {
        return true;
      }
      Thread.sleep(100);
    }
    return count(prefix) == 0;
  }
}
