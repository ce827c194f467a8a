package org.openvod.controlapi.decide;

import java.util.List;
import org.openvod.controlapi.api.ApiError;
import org.openvod.controlapi.state.ResourceChange;
import org.openvod.events.model.LifecycleEvent;
import org.openvod.events.model.ResourceRecord;

/**
 * What deciding one command produced: either an error, or the resource writes and lifecycle events
 * to publish (atomically) and the resulting resource to answer with.
 */
public record Decision(
    ApiError error,
    String message,
    ResourceRecord result,
    List<ResourceChange> changes,
    List<LifecycleEvent> events) {

  public static Decision accept(
      ResourceRecord result, List<ResourceChange> changes, List<LifecycleEvent> events) {
    return new Decision(null, null, result, List.copyOf(changes), List.copyOf(events));
  }

  public static Decision reject(ApiError error, String message) {
    return new Decision(error, message, null, List.of(), List.of());
  }

  /** Nothing to do (e.g. a notification about an asset that no longer exists). */
  public static Decision nothing() {
    return new Decision(null, null, null, List.of(), List.of());
  }

  public boolean accepted() {
    return error == null;
  }
}
