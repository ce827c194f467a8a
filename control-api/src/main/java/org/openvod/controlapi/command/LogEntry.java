package org.openvod.controlapi.command;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import org.openvod.events.model.ResourceRecord;

/**
 * A value on the commands topic: either a submitted command or the decider's outcome of one. Both
 * share the single partition, so an instance that submitted a command finds its outcome by tailing
 * the same topic.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
  @JsonSubTypes.Type(value = LogEntry.Submitted.class, name = "Command"),
  @JsonSubTypes.Type(value = LogEntry.Outcome.class, name = "Outcome")
})
public sealed interface LogEntry {

  String requestId();

  record Submitted(String requestId, Command command) implements LogEntry {}

  /**
   * @param errorType an {@code ApiError} name, or null when the command was accepted
   * @param message the error message (null when accepted)
   * @param result the resource as it is after the command (null for deletes, tags and errors)
   * @param resourcesOffset the resources-topic offset a reader must have passed to see the
   *     command's writes, or -1 when it wrote nothing
   */
  record Outcome(
      String requestId,
      String errorType,
      String message,
      ResourceRecord result,
      long resourcesOffset)
      implements LogEntry {}
}
