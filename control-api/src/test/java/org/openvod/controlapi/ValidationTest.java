package org.openvod.controlapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.openvod.controlapi.support.Vod.hls;
import static org.openvod.controlapi.support.Vod.roleArn;
import static org.openvod.controlapi.support.Vod.source;

import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openvod.controlapi.support.Vod;
import software.amazon.awssdk.services.mediapackagevod.model.CmafEncryption;
import software.amazon.awssdk.services.mediapackagevod.model.CmafPackage;
import software.amazon.awssdk.services.mediapackagevod.model.CreatePackagingConfigurationRequest;
import software.amazon.awssdk.services.mediapackagevod.model.DashManifest;
import software.amazon.awssdk.services.mediapackagevod.model.DashPackage;
import software.amazon.awssdk.services.mediapackagevod.model.EncryptionContractConfiguration;
import software.amazon.awssdk.services.mediapackagevod.model.HlsEncryption;
import software.amazon.awssdk.services.mediapackagevod.model.HlsManifest;
import software.amazon.awssdk.services.mediapackagevod.model.HlsPackage;
import software.amazon.awssdk.services.mediapackagevod.model.NotFoundException;
import software.amazon.awssdk.services.mediapackagevod.model.SpekeKeyProvider;
import software.amazon.awssdk.services.mediapackagevod.model.StreamSelection;
import software.amazon.awssdk.services.mediapackagevod.model.UnprocessableEntityException;

/** Every 422 rule, sent through the AWS SDK client; each message names the field and the rule. */
class ValidationTest extends ApiTestBase {

  private static final String GROUP = "pg_valid";

  @BeforeEach
  void groupExists() {
    if (vod().listPackagingGroups(b -> b.maxResults(1000)).packagingGroups().stream()
        .noneMatch(g -> g.id().equals(GROUP))) {
      group(GROUP);
    }
  }

  private static SpekeKeyProvider.Builder speke() {
    return SpekeKeyProvider.builder()
        .roleArn(roleArn())
        .systemIds("edef8ba9-79d6-4ace-a3c8-27dcd51d21ed")
        .url("https://keys.example.com/speke");
  }

  private void rejectsConfiguration(
      Consumer<CreatePackagingConfigurationRequest.Builder> request, String... messageParts) {
    assertThatThrownBy(
            () ->
                vod()
                    .createPackagingConfiguration(
                        b -> {
                          b.id("bad_cfg").packagingGroupId(GROUP);
                          request.accept(b);
                        }))
        .isInstanceOf(UnprocessableEntityException.class)
        .satisfies(e -> assertThat(((UnprocessableEntityException) e).statusCode()).isEqualTo(422))
        .hasMessageContainingAll(messageParts);
  }

  @Test
  void idsMustMatchThePattern() {
    assertThatThrownBy(() -> vod().createPackagingGroup(b -> b.id("has space")))
        .isInstanceOf(UnprocessableEntityException.class)
        .hasMessageContaining("$.id must be 1 to 256 characters of [0-9a-zA-Z_-]");
    assertThatThrownBy(() -> vod().createPackagingGroup(b -> b.id("x".repeat(257))))
        .isInstanceOf(UnprocessableEntityException.class)
        .hasMessageContaining("$.id");
    assertThatThrownBy(() -> vod().createPackagingGroup(b -> b.id("")))
        .isInstanceOf(UnprocessableEntityException.class)
        .hasMessageContaining("$.id");
    // a 256-character id is fine
    String longest = "L".repeat(256);
    vod().createPackagingGroup(b -> b.id(longest));
    assertThat(vod().describePackagingGroup(b -> b.id(longest)).id()).isEqualTo(longest);
    vod().deletePackagingGroup(b -> b.id(longest));
  }

  @Test
  void duplicateIdsAreRejected() {
    assertThatThrownBy(() -> vod().createPackagingGroup(b -> b.id(GROUP)))
        .isInstanceOf(UnprocessableEntityException.class)
        .hasMessageContaining("$.id packaging group 'pg_valid' already exists");
    vod()
        .createPackagingConfiguration(
            b -> b.id("dup_cfg").packagingGroupId(GROUP).hlsPackage(hls(null)));
    rejectsConfiguration(b -> b.id("dup_cfg").hlsPackage(hls(null)), "already exists");
    createAsset("dup-asset", GROUP);
    assertThatThrownBy(() -> createAsset("dup-asset", GROUP))
        .isInstanceOf(UnprocessableEntityException.class)
        .hasMessageContaining("asset 'dup-asset' already exists");
    vod().deleteAsset(b -> b.id("dup-asset"));
    vod().deletePackagingConfiguration(b -> b.id("dup_cfg"));
  }

  @Test
  void exactlyOnePackagePerConfiguration() {
    rejectsConfiguration(b -> {}, "exactly one of hlsPackage", "none given");
    rejectsConfiguration(
        b -> b.hlsPackage(hls(null)).dashPackage(Vod.dash()),
        "exactly one",
        "hlsPackage, dashPackage");
    rejectsConfiguration(
        b -> b.hlsPackage(HlsPackage.builder().build()), "$.hlsPackage.hlsManifests is required");
  }

  @Test
  void enumsAreChecked() {
    rejectsConfiguration(
        b ->
            b.hlsPackage(
                HlsPackage.builder()
                    .hlsManifests(HlsManifest.builder().adMarkers("DATERANGE").build())
                    .build()),
        "$.hlsPackage.hlsManifests[0].adMarkers must be one of [NONE, PASSTHROUGH, SCTE35_ENHANCED]");
    rejectsConfiguration(
        b ->
            b.dashPackage(
                DashPackage.builder()
                    .dashManifests(DashManifest.builder().profile("HBBTV_2").build())
                    .build()),
        "$.dashPackage.dashManifests[0].profile must be one of");
    rejectsConfiguration(
        b ->
            b.dashPackage(
                DashPackage.builder()
                    .dashManifests(DashManifest.builder().build())
                    .segmentTemplateFormat("SOMETHING")
                    .build()),
        "$.dashPackage.segmentTemplateFormat must be one of");
    rejectsConfiguration(
        b ->
            b.hlsPackage(
                HlsPackage.builder()
                    .hlsManifests(HlsManifest.builder().build())
                    .encryption(
                        HlsEncryption.builder()
                            .encryptionMethod("AES_256")
                            .spekeKeyProvider(speke().build())
                            .build())
                    .build()),
        "$.hlsPackage.encryption.encryptionMethod must be one of [AES_128, SAMPLE_AES]");
  }

  @Test
  void spekeUrlMustBeHttpsAndIvMustBe32Hex() {
    rejectsConfiguration(
        b ->
            b.hlsPackage(
                HlsPackage.builder()
                    .hlsManifests(HlsManifest.builder().build())
                    .encryption(
                        HlsEncryption.builder()
                            .spekeKeyProvider(speke().url("http://keys.example.com/").build())
                            .build())
                    .build()),
        "$.hlsPackage.encryption.spekeKeyProvider.url must be an https:// URL");
    rejectsConfiguration(
        b ->
            b.cmafPackage(
                CmafPackage.builder()
                    .hlsManifests(HlsManifest.builder().build())
                    .encryption(
                        CmafEncryption.builder()
                            .constantInitializationVector("0123456789abcdef")
                            .spekeKeyProvider(speke().build())
                            .build())
                    .build()),
        "$.cmafPackage.encryption.constantInitializationVector must be 32 hexadecimal");
    rejectsConfiguration(
        b ->
            b.hlsPackage(
                HlsPackage.builder()
                    .hlsManifests(HlsManifest.builder().build())
                    .encryption(
                        HlsEncryption.builder()
                            .spekeKeyProvider(
                                speke()
                                    .encryptionContractConfiguration(
                                        EncryptionContractConfiguration.builder()
                                            .presetSpeke20Audio("PRESET-AUDIO-1")
                                            .presetSpeke20Video("PRESET-VIDEO-1")
                                            .build())
                                    .build())
                            .build())
                    .build()),
        "SPEKE 2.0 is only available for DASH and CMAF");
    rejectsConfiguration(
        b ->
            b.dashPackage(
                DashPackage.builder()
                    .dashManifests(DashManifest.builder().build())
                    .encryption(
                        e ->
                            e.spekeKeyProvider(
                                speke()
                                    .url("https://keys.example.com/" + "k".repeat(3000))
                                    .build()))
                    .build()),
        "$.dashPackage.encryption.spekeKeyProvider.url must be at most 2048 characters");
    // a valid encrypted CMAF configuration with SPEKE 2.0 is accepted
    var ok =
        vod()
            .createPackagingConfiguration(
                b ->
                    b.id("cmaf_drm")
                        .packagingGroupId(GROUP)
                        .cmafPackage(
                            CmafPackage.builder()
                                .hlsManifests(HlsManifest.builder().build())
                                .encryption(
                                    CmafEncryption.builder()
                                        .constantInitializationVector(
                                            "0123456789abcdef0123456789ABCDEF")
                                        .spekeKeyProvider(
                                            speke()
                                                .encryptionContractConfiguration(
                                                    EncryptionContractConfiguration.builder()
                                                        .presetSpeke20Audio("SHARED")
                                                        .presetSpeke20Video("SHARED")
                                                        .build())
                                                .build())
                                        .build())
                                .build()));
    assertThat(ok.cmafPackage().encryption().spekeKeyProvider().url())
        .isEqualTo("https://keys.example.com/speke");
    vod().deletePackagingConfiguration(b -> b.id("cmaf_drm"));
  }

  @Test
  void streamSelectionAndSegmentDurations() {
    rejectsConfiguration(
        b ->
            b.hlsPackage(
                HlsPackage.builder()
                    .hlsManifests(
                        HlsManifest.builder()
                            .streamSelection(
                                StreamSelection.builder()
                                    .minVideoBitsPerSecond(5_000_000)
                                    .maxVideoBitsPerSecond(1_000_000)
                                    .build())
                            .build())
                    .build()),
        "$.hlsPackage.hlsManifests[0].streamSelection.minVideoBitsPerSecond must not be greater");
    rejectsConfiguration(
        b ->
            b.hlsPackage(
                HlsPackage.builder()
                    .hlsManifests(HlsManifest.builder().build())
                    .segmentDurationSeconds(0)
                    .build()),
        "$.hlsPackage.segmentDurationSeconds must be between 1 and");
    rejectsConfiguration(
        b ->
            b.dashPackage(
                DashPackage.builder()
                    .dashManifests(DashManifest.builder().build())
                    .segmentDurationSeconds(-2)
                    .build()),
        "$.dashPackage.segmentDurationSeconds");
  }

  @Test
  void configurationNeedsAnExistingGroup() {
    assertThatThrownBy(
            () ->
                vod()
                    .createPackagingConfiguration(
                        b ->
                            b.id("orphan").packagingGroupId("no_such_group").hlsPackage(hls(null))))
        .isInstanceOf(UnprocessableEntityException.class)
        .hasMessageContaining("$.packagingGroupId packaging group 'no_such_group' does not exist");
  }

  @Test
  void assetSourceMustBeAnS3PlaylistOrSmil() {
    for (String bad :
        new String[] {
          "s3://vod-sources/a.m3u8",
          "arn:aws:s3:::vod-sources/a.mp4",
          "arn:aws:s3:::vod-sources/",
          "arn:aws:mediapackage-vod:::x.m3u8"
        }) {
      assertThatThrownBy(
              () ->
                  vod()
                      .createAsset(
                          b ->
                              b.id("bad-src")
                                  .packagingGroupId(GROUP)
                                  .sourceArn(bad)
                                  .sourceRoleArn(roleArn())))
          .as(bad)
          .isInstanceOf(UnprocessableEntityException.class)
          .hasMessageContaining("$.sourceArn must be the S3 object ARN of an .m3u8 or .smil");
    }
    assertThatThrownBy(
            () ->
                vod()
                    .createAsset(
                        b ->
                            b.id("bad-role")
                                .packagingGroupId(GROUP)
                                .sourceArn(source("a.smil"))
                                .sourceRoleArn("not-a-role")))
        .isInstanceOf(UnprocessableEntityException.class)
        .hasMessageContaining("$.sourceRoleArn must be an IAM role ARN");
    assertThatThrownBy(
            () ->
                vod()
                    .createAsset(
                        b ->
                            b.id("no-group")
                                .packagingGroupId("missing_group")
                                .sourceArn(source("a.smil"))
                                .sourceRoleArn(roleArn())))
        .isInstanceOf(UnprocessableEntityException.class)
        .hasMessageContaining("$.packagingGroupId packaging group 'missing_group' does not exist");
    // the account-in-ARN form seen in the AWS CLI examples is accepted too
    vod()
        .createAsset(
            b ->
                b.id("cli-form")
                    .packagingGroupId(GROUP)
                    .sourceArn("arn:aws:s3::111122223333:vod-sources/A/x.smil")
                    .sourceRoleArn(roleArn()));
    vod().deleteAsset(b -> b.id("cli-form"));
  }

  @Test
  void groupFieldsAndTags() {
    assertThatThrownBy(
            () ->
                vod()
                    .createPackagingGroup(
                        b ->
                            b.id("pg_auth")
                                .authorization(
                                    a -> a.cdnIdentifierSecret("plain").secretsRoleArn(roleArn()))))
        .isInstanceOf(UnprocessableEntityException.class)
        .hasMessageContaining(
            "$.authorization.cdnIdentifierSecret must be a Secrets Manager secret ARN");
    assertThatThrownBy(
            () ->
                vod()
                    .createPackagingGroup(
                        b -> b.id("pg_logs").egressAccessLogs(l -> l.logGroupName("/elsewhere"))))
        .isInstanceOf(UnprocessableEntityException.class)
        .hasMessageContaining("$.egressAccessLogs.logGroupName must match /aws/MediaPackage/");
    assertThatThrownBy(
            () ->
                vod()
                    .createPackagingGroup(b -> b.id("pg_tag").tags(java.util.Map.of("aws:x", "y"))))
        .isInstanceOf(UnprocessableEntityException.class)
        .hasMessageContaining("must not start with aws:");
  }

  @Test
  void deletingAGroupWithChildrenIsRefused() {
    group("pg_full");
    vod()
        .createPackagingConfiguration(
            b -> b.id("full_cfg").packagingGroupId("pg_full").hlsPackage(hls(null)));
    assertThatThrownBy(() -> vod().deletePackagingGroup(b -> b.id("pg_full")))
        .isInstanceOf(UnprocessableEntityException.class)
        .hasMessageContaining("still has 1 packaging configuration(s) and 0 asset(s)");
    vod().deletePackagingConfiguration(b -> b.id("full_cfg"));
    vod().deletePackagingGroup(b -> b.id("pg_full"));
  }

  @Test
  void unknownResourcesAreNotFound() {
    assertThatThrownBy(() -> vod().describePackagingGroup(b -> b.id("nope")))
        .isInstanceOf(NotFoundException.class)
        .hasMessageContaining("packaging group 'nope' does not exist");
    assertThatThrownBy(() -> vod().describePackagingConfiguration(b -> b.id("nope")))
        .isInstanceOf(NotFoundException.class);
    assertThatThrownBy(() -> vod().describeAsset(b -> b.id("nope")))
        .isInstanceOf(NotFoundException.class);
    assertThatThrownBy(() -> vod().deleteAsset(b -> b.id("nope")))
        .isInstanceOf(NotFoundException.class);
    assertThatThrownBy(() -> vod().deletePackagingGroup(b -> b.id("nope")))
        .isInstanceOf(NotFoundException.class);
    assertThatThrownBy(() -> vod().updatePackagingGroup(b -> b.id("nope")))
        .isInstanceOf(NotFoundException.class);
    assertThatThrownBy(() -> vod().configureLogs(b -> b.id("nope")))
        .isInstanceOf(NotFoundException.class);
  }

  @Test
  void listParametersAreChecked() {
    assertThatThrownBy(() -> vod().listAssets(b -> b.maxResults(0)))
        .isInstanceOf(UnprocessableEntityException.class)
        .hasMessageContaining("maxResults must be an integer between 1 and 1000");
    assertThatThrownBy(() -> vod().listPackagingGroups(b -> b.maxResults(1001)))
        .isInstanceOf(UnprocessableEntityException.class);
    assertThatThrownBy(() -> vod().listPackagingConfigurations(b -> b.nextToken("garbage!")))
        .isInstanceOf(UnprocessableEntityException.class)
        .hasMessageContaining("nextToken");
  }
}
