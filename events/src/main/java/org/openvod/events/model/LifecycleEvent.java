package org.openvod.events.model;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.util.List;

/**
 * What an ingest worker must do for one asset. Each event carries everything the worker needs (a
 * snapshot of the asset and its targets), so the worker keeps no view of the resources topic.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
  @JsonSubTypes.Type(value = LifecycleEvent.AssetCreated.class, name = "AssetCreated"),
  @JsonSubTypes.Type(value = LifecycleEvent.AssetDeleted.class, name = "AssetDeleted"),
  @JsonSubTypes.Type(value = LifecycleEvent.ConfigurationAdded.class, name = "ConfigurationAdded"),
  @JsonSubTypes.Type(
      value = LifecycleEvent.ConfigurationDeleted.class,
      name = "ConfigurationDeleted")
})
public sealed interface LifecycleEvent {

  /** Stable id of this event; notifications derived from it reuse it, so redelivery dedups. */
  String eventId();

  String assetId();

  /** Package a new asset for every target of its group. */
  record AssetCreated(String eventId, Asset asset, String assetHex, List<PackagingTarget> targets)
      implements LifecycleEvent {
    @Override
    public String assetId() {
      return asset.id();
    }
  }

  /** Stop any work on the asset and remove its outputs. */
  record AssetDeleted(String eventId, String assetId, String assetArn, String assetHex)
      implements LifecycleEvent {}

  /** A configuration was added to the asset's group: package the existing asset for it. */
  record ConfigurationAdded(String eventId, Asset asset, String assetHex, PackagingTarget target)
      implements LifecycleEvent {
    @Override
    public String assetId() {
      return asset.id();
    }
  }

  /** A configuration was deleted: stop its work on this asset and remove its outputs. */
  record ConfigurationDeleted(
      String eventId,
      String assetId,
      String assetHex,
      String packagingConfigurationId,
      String configHex,
      String manifestHex)
      implements LifecycleEvent {}
}
