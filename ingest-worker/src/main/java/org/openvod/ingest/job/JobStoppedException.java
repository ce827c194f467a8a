package org.openvod.ingest.job;

/**
 * Unwinds a stopped job, also out of the engine (thrown from its progress callback, which the
 * engine passes on unchanged as a RuntimeException).
 */
public final class JobStoppedException extends RuntimeException {

  private final JobControl.StopReason reason;

  public JobStoppedException(JobControl.StopReason reason) {
    super("job stopped: " + reason, null, false, false);
    this.reason = reason;
  }

  public JobControl.StopReason reason() {
    return reason;
  }
}
