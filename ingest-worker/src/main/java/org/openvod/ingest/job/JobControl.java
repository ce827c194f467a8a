package org.openvod.ingest.job;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * How the consumer stops a running job: the whole job (its asset was deleted, its partition
 * revoked, the worker is shutting down) or one configuration's output (the configuration was
 * deleted). Sinks, the source reader and the notification steps all look here.
 */
public final class JobControl {

  /** Why a job was stopped; decides whether its record counts as done. */
  public enum StopReason {
    /** The asset was deleted: the record is done, the delete that follows cleans up. */
    ASSET_DELETED,
    /** The partition moved or the worker stops: the new owner redoes the record. */
    RELEASED
  }

  private volatile StopReason stopped;
  private final Set<String> stoppedConfigurations = ConcurrentHashMap.newKeySet();

  public void stop(StopReason reason) {
    if (stopped == null) {
      stopped = reason;
    }
  }

  public void stopConfiguration(String configurationId) {
    stoppedConfigurations.add(configurationId);
  }

  public boolean isStopped() {
    return stopped != null;
  }

  public StopReason stopReason() {
    return stopped;
  }

  public boolean isStopped(String configurationId) {
    return stopped != null || stoppedConfigurations.contains(configurationId);
  }

  /** Throws when the whole job was stopped; called between steps. */
  public void check() {
    if (stopped != null) {
      throw new JobStoppedException(stopped);
    }
  }
}
