package org.openvod.ingest.output;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.LongConsumer;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.s3.model.S3Object;

/** The output bucket: sinks that write into it, and removal of an asset's or output's files. */
public final class OutputStore {

  /** Ids that may become key prefix segments: no '/', no dots, never empty. */
  private static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{1,128}");

  private final S3Client s3;
  private final String bucket;

  public OutputStore(S3Client s3, String bucket) {
    this.s3 = s3;
    this.bucket = bucket;
  }

  public String bucket() {
    return bucket;
  }

  /** Creates the bucket when it does not exist. */
  public void ensureBucket() {
    try {
      s3.headBucket(b -> b.bucket(bucket));
    } catch (NoSuchBucketException e) {
      s3.createBucket(b -> b.bucket(bucket));
    } catch (software.amazon.awssdk.services.s3.model.S3Exception e) {
      if (e.statusCode() != 404) {
        throw e;
      }
      s3.createBucket(b -> b.bucket(bucket));
    }
  }

  public S3OutputSink sink(String keyPrefix, BooleanSupplier stopped, LongConsumer bytesWritten) {
    return new S3OutputSink(s3, bucket, keyPrefix, stopped, bytesWritten);
  }

  /**
   * Deletes every object under the prefix made of these ids ({@code a/} or {@code a/b/c/}).
   *
   * @return how many objects were deleted
   * @throws IllegalArgumentException when an id could widen the prefix (empty, '/', '..')
   */
  public int deleteUnder(String... ids) {
    StringBuilder prefix = new StringBuilder();
    for (String id : ids) {
      if (id == null || !ID.matcher(id).matches()) {
        throw new IllegalArgumentException("'" + id + "' is not a valid output id");
      }
      prefix.append(id).append('/');
    }
    int deleted = 0;
    String continuation = null;
    do {
      String token = continuation;
      var page =
          s3.listObjectsV2(
              b -> b.bucket(bucket).prefix(prefix.toString()).continuationToken(token));
      List<ObjectIdentifier> keys = new ArrayList<>();
      for (S3Object object : page.contents()) {
        keys.add(ObjectIdentifier.builder().key(object.key()).build());
      }
      if (!keys.isEmpty()) {
        s3.deleteObjects(b -> b.bucket(bucket).delete(d -> d.objects(keys).quiet(true)));
        deleted += keys.size();
      }
      continuation = page.isTruncated() ? page.nextContinuationToken() : null;
    } while (continuation != null);
    return deleted;
  }
}
