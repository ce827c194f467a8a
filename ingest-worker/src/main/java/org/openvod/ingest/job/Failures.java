package org.openvod.ingest.job;

import java.io.IOException;
import java.io.InterruptedIOException;
import org.openvod.engine.media.PackagingException;
import org.openvod.ingest.source.PermanentSourceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/** Sorts failures into transient (worth a retry) and permanent (fail fast). */
public final class Failures {

  private Failures() {}

  /**
   * Transient: I/O trouble (timeouts, resets), S3 5xx and 429, SDK client errors. Permanent:
   * whatever the engine refuses (PackagingException), missing or forbidden objects, other 4xx.
   */
  public static boolean isTransient(Throwable e) {
    if (e instanceof PackagingException || e instanceof PermanentSourceException) {
      return false;
    }
    if (e instanceof InterruptedIOException && Thread.currentThread().isInterrupted()) {
      return false;
    }
    if (e instanceof S3Exception s3) {
      int status = s3.statusCode();
      return status >= 500 || status == 429 || status == 408;
    }
    if (e instanceof IOException || e instanceof SdkClientException) {
      Throwable cause = e.getCause();
      if (cause != null && cause != e && !(cause instanceof IOException)) {
        // an IOException wrapping a permanent S3 answer stays permanent
        return isTransient(cause);
      }
      return true;
    }
    return false;
  }

  /** A short label for the failures metric. */
  public static String reason(Throwable e) {
    if (e instanceof PackagingException p) {
      return p.reason().name();
    }
    if (e instanceof PermanentSourceException) {
      return "SOURCE_UNREADABLE";
    }
    if (isTransient(e)) {
      return "TRANSIENT_EXHAUSTED";
    }
    return "INTERNAL";
  }

  /** The message a person reads in an IngestError or PackagingFailed. */
  public static String describe(Throwable e) {
    String message = e.getMessage();
    return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
  }
}
