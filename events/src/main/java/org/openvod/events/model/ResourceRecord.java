package org.openvod.events.model;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * A value on the compacted resources topic: the API shape plus what only the platform needs (the
 * hex ids of the egress layout). A deleted resource is a tombstone (null value), not a record.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
  @JsonSubTypes.Type(value = ResourceRecord.GroupRecord.class, name = "PackagingGroup"),
  @JsonSubTypes.Type(
      value = ResourceRecord.ConfigurationRecord.class,
      name = "PackagingConfiguration"),
  @JsonSubTypes.Type(value = ResourceRecord.AssetRecord.class, name = "Asset")
})
public sealed interface ResourceRecord {

  String arn();

  record GroupRecord(PackagingGroup group) implements ResourceRecord {
    @Override
    public String arn() {
      return group.arn();
    }
  }

  /**
   * @param configHex the configuration's 32-hex id in egress paths
   * @param manifestHex the manifest directory's 32-hex id in egress paths
   */
  record ConfigurationRecord(
      PackagingConfiguration configuration, String configHex, String manifestHex)
      implements ResourceRecord {
    @Override
    public String arn() {
      return configuration.arn();
    }
  }

  /**
   * @param assetHex the asset's 32-hex id in egress paths
   */
  record AssetRecord(Asset asset, String assetHex) implements ResourceRecord {
    @Override
    public String arn() {
      return asset.arn();
    }
  }
}
