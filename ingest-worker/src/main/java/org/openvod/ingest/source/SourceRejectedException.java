package org.openvod.ingest.source;

/**
 * The asset's source may not or cannot be read as configured (bad ARN, bucket outside the
 * allow-list, unknown role). Permanent: the message says what to fix.
 */
public class SourceRejectedException extends Exception {

  public SourceRejectedException(String message) {
    super(message);
  }
}
