package org.openvod.engine.media;

/**
 * A source the engine cannot package, for a reason a person can act on. Permanent: retrying the
 * same source gives the same answer. I/O trouble is an {@link java.io.IOException} instead, which
 * callers may retry.
 */
public class PackagingException extends Exception {

  /** Why, in a form the service can count metrics by. */
  public enum Reason {
    MISSING_SOURCE,
    MALFORMED_SOURCE,
    UNSUPPORTED_CONTENT,
    ENCRYPTED_SOURCE,
    TOO_MANY_STREAMS,
    INVALID_CONFIGURATION
  }

  private final Reason reason;

  public PackagingException(Reason reason, String message) {
    super(message);
    this.reason = reason;
  }

  public PackagingException(Reason reason, String message, Throwable cause) {
    super(message, cause);
    this.reason = reason;
  }

  public Reason reason() {
    return reason;
  }
}
