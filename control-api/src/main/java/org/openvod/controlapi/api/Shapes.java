package org.openvod.controlapi.api;

import java.util.List;
import java.util.Map;
import org.openvod.events.model.Asset;
import org.openvod.events.model.Authorization;
import org.openvod.events.model.EgressAccessLogs;
import org.openvod.events.model.PackagingConfiguration;
import org.openvod.events.model.PackagingGroup;

/** Response shapes that differ from the stored records (wire names as in the AWS model). */
public final class Shapes {

  private Shapes() {}

  /** PackagingGroup with approximateAssetCount (null = left out, as on create/ConfigureLogs). */
  public record Group(
      Integer approximateAssetCount,
      String arn,
      Authorization authorization,
      String createdAt,
      String domainName,
      EgressAccessLogs egressAccessLogs,
      String id,
      Map<String, String> tags) {

    public static Group of(PackagingGroup g, Integer count) {
      return new Group(
          count,
          g.arn(),
          g.authorization(),
          g.createdAt(),
          g.domainName(),
          g.egressAccessLogs(),
          g.id(),
          g.tags() == null ? Map.of() : g.tags());
    }
  }

  /** ListAssets items: an asset without egressEndpoints. */
  public record AssetShallow(
      String arn,
      String createdAt,
      String id,
      String packagingGroupId,
      String resourceId,
      String sourceArn,
      String sourceRoleArn,
      Map<String, String> tags) {

    public static AssetShallow of(Asset a) {
      return new AssetShallow(
          a.arn(),
          a.createdAt(),
          a.id(),
          a.packagingGroupId(),
          a.resourceId(),
          a.sourceArn(),
          a.sourceRoleArn(),
          a.tags() == null ? Map.of() : a.tags());
    }
  }

  public record GroupList(List<Group> packagingGroups, String nextToken) {}

  public record ConfigurationList(
      List<PackagingConfiguration> packagingConfigurations, String nextToken) {}

  public record AssetList(List<AssetShallow> assets, String nextToken) {}

  public record Tags(Map<String, String> tags) {}
}
