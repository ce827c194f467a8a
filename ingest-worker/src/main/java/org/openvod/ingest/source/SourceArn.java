package org.openvod.ingest.source;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The S3 object an asset's {@code sourceArn} names: {@code arn:aws:s3:::bucket/key}, also with an
 * account ({@code arn:aws:s3::123456789012:bucket/key}).
 */
public record SourceArn(String bucket, String key) {

  private static final Pattern ARN =
      Pattern.compile("arn:aws[a-z-]*:s3:[a-z0-9-]*:([0-9]*):([^/:]+)/(.+)");

  /**
   * @throws SourceRejectedException when the text is not an S3 object ARN
   */
  public static SourceArn parse(String sourceArn) throws SourceRejectedException {
    if (sourceArn == null || sourceArn.isBlank()) {
      throw new SourceRejectedException("the asset has no sourceArn");
    }
    Matcher m = ARN.matcher(sourceArn);
    if (!m.matches()) {
      throw new SourceRejectedException(
          "sourceArn '"
              + sourceArn
              + "' is not an S3 object ARN (arn:aws:s3:::bucket/key or"
              + " arn:aws:s3::account:bucket/key)");
    }
    return new SourceArn(m.group(2), m.group(3));
  }

  /** The folder the root file sits in ("" or ending with '/'); source paths resolve against it. */
  public String folder() {
    int slash = key.lastIndexOf('/');
    return slash < 0 ? "" : key.substring(0, slash + 1);
  }

  /** The root file's name within {@link #folder()}. */
  public String fileName() {
    return key.substring(key.lastIndexOf('/') + 1);
  }

  public String s3Url() {
    return "s3://" + bucket + "/" + key;
  }
}
