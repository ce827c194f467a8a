package org.openvod.controlapi.command;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.util.List;
import java.util.Map;
import org.openvod.events.model.Asset;
import org.openvod.events.model.Authorization;
import org.openvod.events.model.EgressAccessLogs;
import org.openvod.events.model.Notification;
import org.openvod.events.model.PackagingConfiguration;
import org.openvod.events.model.PackagingGroup;

/**
 * A requested change, as written to the commands topic. Everything that must not change when a
 * command is decided again after a crash (timestamps, hex ids, event ids) is fixed here by the
 * instance that took the request, so deciding is a pure function of the command and the state.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
  @JsonSubTypes.Type(value = Command.CreateGroup.class, name = "CreateGroup"),
  @JsonSubTypes.Type(value = Command.UpdateGroup.class, name = "UpdateGroup"),
  @JsonSubTypes.Type(value = Command.ConfigureLogs.class, name = "ConfigureLogs"),
  @JsonSubTypes.Type(value = Command.DeleteGroup.class, name = "DeleteGroup"),
  @JsonSubTypes.Type(value = Command.CreateConfiguration.class, name = "CreateConfiguration"),
  @JsonSubTypes.Type(value = Command.DeleteConfiguration.class, name = "DeleteConfiguration"),
  @JsonSubTypes.Type(value = Command.CreateAsset.class, name = "CreateAsset"),
  @JsonSubTypes.Type(value = Command.DeleteAsset.class, name = "DeleteAsset"),
  @JsonSubTypes.Type(value = Command.TagResource.class, name = "TagResource"),
  @JsonSubTypes.Type(value = Command.UntagResource.class, name = "UntagResource"),
  @JsonSubTypes.Type(value = Command.FoldNotification.class, name = "FoldNotification")
})
public sealed interface Command {

  /** Whether a caller waits for this command's outcome (false for forwarded notifications). */
  default boolean wantsOutcome() {
    return true;
  }

  /** A complete new group (arn, createdAt, domainName and tags filled in). */
  record CreateGroup(PackagingGroup group) implements Command {}

  /** Replaces the group's CDN authorization (null removes it). */
  record UpdateGroup(String id, Authorization authorization) implements Command {}

  /** Enables (non-null) or disables (null) egress access logs. */
  record ConfigureLogs(String id, EgressAccessLogs egressAccessLogs) implements Command {}

  record DeleteGroup(String id) implements Command {}

  /** A complete new configuration and its egress hex ids; eventId seeds the per-asset events. */
  record CreateConfiguration(
      PackagingConfiguration configuration, String configHex, String manifestHex, String eventId)
      implements Command {}

  record DeleteConfiguration(String id, String eventId) implements Command {}

  /** A new asset without egress endpoints (the decider adds one per configuration). */
  record CreateAsset(Asset asset, String assetHex, String eventId) implements Command {}

  record DeleteAsset(String id, String eventId) implements Command {}

  record TagResource(String arn, Map<String, String> tags) implements Command {}

  record UntagResource(String arn, List<String> tagKeys) implements Command {}

  /** An ingest notification to fold into the asset's egress endpoint statuses. */
  record FoldNotification(Notification notification) implements Command {
    @Override
    public boolean wantsOutcome() {
      return false;
    }
  }
}
