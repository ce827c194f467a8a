package org.openvod.ingest.speke;

/**
 * The key server could not give the keys. The message says why, with the server's own message when
 * it sent one; {@link #retryable()} tells transient failures (5xx, timeouts, I/O) from final ones
 * (4xx, a malformed or incomplete answer).
 */
public class SpekeException extends RuntimeException {

  private final int status;
  private final boolean retryable;

  public SpekeException(String message, int status, boolean retryable, Throwable cause) {
    super(message, cause);
    this.status = status;
    this.retryable = retryable;
  }

  /** HTTP status of the last answer, or 0 when there was none (timeout, connection refused). */
  public int status() {
    return status;
  }

  public boolean retryable() {
    return retryable;
  }
}
