package org.openvod.events.model;

import java.util.Map;
import org.openvod.events.PackageKind;

/** A packaging configuration as the API shows it. Exactly one of the four packages is set. */
public record PackagingConfiguration(
    String id,
    String arn,
    String createdAt,
    String packagingGroupId,
    HlsPackage hlsPackage,
    DashPackage dashPackage,
    CmafPackage cmafPackage,
    MssPackage mssPackage,
    Map<String, String> tags) {

  /** The kind of the one package this configuration holds, or null when it holds none. */
  public PackageKind kind() {
    if (hlsPackage != null) {
      return PackageKind.HLS;
    }
    if (cmafPackage != null) {
      return PackageKind.CMAF;
    }
    if (dashPackage != null) {
      return PackageKind.DASH;
    }
    if (mssPackage != null) {
      return PackageKind.MSS;
    }
    return null;
  }

  /** The name of the parent manifest the egress URL points at (the first manifest's). */
  public String firstManifestName() {
    PackageKind kind = kind();
    if (kind == null) {
      return "index";
    }
    String name =
        switch (kind) {
          case HLS -> first(hlsPackage.hlsManifests());
          case CMAF -> first(cmafPackage.hlsManifests());
          case DASH ->
              dashPackage.dashManifests() == null || dashPackage.dashManifests().isEmpty()
                  ? null
                  : dashPackage.dashManifests().get(0).manifestName();
          case MSS ->
              mssPackage.mssManifests() == null || mssPackage.mssManifests().isEmpty()
                  ? null
                  : mssPackage.mssManifests().get(0).manifestName();
        };
    return name == null || name.isEmpty() ? "index" : name;
  }

  private static String first(java.util.List<HlsManifest> manifests) {
    return manifests == null || manifests.isEmpty() ? null : manifests.get(0).manifestName();
  }
}
