package org.openvod.deploy;

import org.openvod.events.PackageKind;
import software.amazon.awssdk.services.mediapackagevod.model.CmafPackage;
import software.amazon.awssdk.services.mediapackagevod.model.CreatePackagingConfigurationRequest;
import software.amazon.awssdk.services.mediapackagevod.model.DashManifest;
import software.amazon.awssdk.services.mediapackagevod.model.DashPackage;
import software.amazon.awssdk.services.mediapackagevod.model.HlsManifest;
import software.amazon.awssdk.services.mediapackagevod.model.HlsPackage;
import software.amazon.awssdk.services.mediapackagevod.model.MssManifest;
import software.amazon.awssdk.services.mediapackagevod.model.MssPackage;

/** A plain, unencrypted configuration of each kind, as a user would first create one. */
public final class PackagingConfigurations {

  private PackagingConfigurations() {}

  public static CreatePackagingConfigurationRequest request(
      PackageKind kind, String id, String packagingGroupId) {
    CreatePackagingConfigurationRequest.Builder request =
        CreatePackagingConfigurationRequest.builder().id(id).packagingGroupId(packagingGroupId);
    HlsManifest hlsManifest = HlsManifest.builder().manifestName("index").build();
    return switch (kind) {
      case HLS ->
          request
              .hlsPackage(
                  HlsPackage.builder().hlsManifests(hlsManifest).segmentDurationSeconds(6).build())
              .build();
      case CMAF ->
          request
              .cmafPackage(
                  CmafPackage.builder().hlsManifests(hlsManifest).segmentDurationSeconds(6).build())
              .build();
      case DASH ->
          request
              .dashPackage(
                  DashPackage.builder()
                      .dashManifests(DashManifest.builder().manifestName("index").build())
                      .segmentDurationSeconds(6)
                      .build())
              .build();
      case MSS ->
          request
              .mssPackage(
                  MssPackage.builder()
                      .mssManifests(MssManifest.builder().manifestName("index").build())
                      .segmentDurationSeconds(2)
                      .build())
              .build();
    };
  }
}
