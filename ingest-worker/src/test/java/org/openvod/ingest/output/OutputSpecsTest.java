package org.openvod.ingest.output;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.openvod.engine.encrypt.EncryptionMode;
import org.openvod.engine.encrypt.EncryptionSpec;
import org.openvod.engine.output.ManifestSpec;
import org.openvod.engine.output.OutputFormat;
import org.openvod.engine.output.OutputSink;
import org.openvod.engine.output.OutputSpec;
import org.openvod.events.model.CmafPackage;
import org.openvod.events.model.DashEncryption;
import org.openvod.events.model.DashManifest;
import org.openvod.events.model.DashPackage;
import org.openvod.events.model.HlsEncryption;
import org.openvod.events.model.HlsManifest;
import org.openvod.events.model.HlsPackage;
import org.openvod.events.model.MssManifest;
import org.openvod.events.model.MssPackage;
import org.openvod.events.model.PackagingConfiguration;
import org.openvod.events.model.StreamSelection;

class OutputSpecsTest {

  static final OutputSink SINK = (path, data, type) -> {};

  static PackagingConfiguration config(
      HlsPackage hls, DashPackage dash, CmafPackage cmaf, MssPackage mss) {
    return new PackagingConfiguration("c1", "arn:c1", null, "g", hls, dash, cmaf, mss, null);
  }

  @Test
  void appliesMediaPackageDefaultsPerFormat() throws Exception {
    OutputSpec hls =
        OutputSpecs.toSpec(
            config(
                new HlsPackage(
                    null,
                    List.of(new HlsManifest(null, null, null, null, null, null)),
                    null,
                    null,
                    null),
                null,
                null,
                null),
            SINK);
    assertThat(hls.format()).isEqualTo(OutputFormat.HLS_TS);
    assertThat(hls.segmentDurationSeconds()).isEqualTo(6);
    assertThat(hls.manifests()).containsExactly(ManifestSpec.named("index"));
    assertThat(hls.outputId()).isEqualTo("c1");
    assertThat(hls.sink()).isSameAs(SINK);

    OutputSpec cmaf =
        OutputSpecs.toSpec(config(null, null, new CmafPackage(null, null, true, null), null), SINK);
    assertThat(cmaf.format()).isEqualTo(OutputFormat.CMAF);
    assertThat(cmaf.segmentDurationSeconds()).isEqualTo(6);
    assertThat(cmaf.includeEncoderConfigurationInSegments()).isTrue();
    assertThat(cmaf.manifests()).extracting(ManifestSpec::name).containsExactly("index");

    OutputSpec dash =
        OutputSpecs.toSpec(
            config(
                null,
                new DashPackage(
                    List.of(new DashManifest(null, "main", null, null, null, null)),
                    null,
                    null,
                    true,
                    null,
                    null,
                    null),
                null,
                null),
            SINK);
    assertThat(dash.format()).isEqualTo(OutputFormat.DASH);
    assertThat(dash.segmentDurationSeconds()).isEqualTo(2);
    assertThat(dash.segmentTemplateFormat()).isEqualTo("NUMBER_WITH_TIMELINE");
    assertThat(dash.periodTriggers()).isEmpty();
    assertThat(dash.periodsAtAds()).isFalse();
    assertThat(dash.includeDashIframeOnlyStream()).isTrue();
    assertThat(dash.manifests().get(0).dashManifestLayout()).isEqualTo("FULL");
    assertThat(dash.manifests().get(0).name()).isEqualTo("main");

    OutputSpec mss =
        OutputSpecs.toSpec(
            config(
                null, null, null, new MssPackage(null, List.of(new MssManifest(null, null)), null)),
            SINK);
    assertThat(mss.format()).isEqualTo(OutputFormat.MSS);
    assertThat(mss.segmentDurationSeconds()).isEqualTo(2);
  }

  @Test
  void carriesManifestOptionsAndStreamSelection() throws Exception {
    HlsManifest manifest =
        new HlsManifest(
            "SCTE35_ENHANCED",
            true,
            "hd",
            60,
            null,
            new StreamSelection(3_000_000, 500_000, "VIDEO_BITRATE_DESCENDING"));
    OutputSpec spec =
        OutputSpecs.toSpec(
            config(new HlsPackage(null, List.of(manifest), null, 4, true), null, null, null), SINK);
    assertThat(spec.segmentDurationSeconds()).isEqualTo(4);
    assertThat(spec.useAudioRenditionGroup()).isTrue();
    assertThat(spec.manifests())
        .containsExactly(
            new ManifestSpec(
                "hd",
                true,
                60,
                "SCTE35_ENHANCED",
                500_000,
                3_000_000,
                "VIDEO_BITRATE_DESCENDING",
                "FULL",
                0,
                "NONE"));

    DashManifest dashManifest =
        new DashManifest(
            "COMPACT", null, 18, "HBBTV_1_5", null, new StreamSelection(null, 1000, null));
    OutputSpec dash =
        OutputSpecs.toSpec(
            config(
                null,
                new DashPackage(
                    List.of(dashManifest),
                    null,
                    false,
                    false,
                    List.of("ADS"),
                    3,
                    "TIME_WITH_TIMELINE"),
                null,
                null),
            SINK);
    assertThat(dash.segmentTemplateFormat()).isEqualTo("TIME_WITH_TIMELINE");
    assertThat(dash.periodTriggers()).containsExactly("ADS");
    assertThat(dash.periodsAtAds()).isTrue();
    assertThat(dash.manifests())
        .containsExactly(
            new ManifestSpec(
                "index",
                false,
                0,
                "NONE",
                1000,
                Integer.MAX_VALUE,
                "ORIGINAL",
                "COMPACT",
                18,
                "HBBTV_1_5"));
  }

  @Test
  void encryptedConfigurationsCarryTheirKeysAndNeverGoOutClear() throws Exception {
    DashPackage dash =
        new DashPackage(List.of(), new DashEncryption(null), null, null, null, null, null);
    assertThatThrownBy(() -> OutputSpecs.toSpec(config(null, dash, null, null), SINK))
        .isInstanceOf(OutputSpecs.UnsupportedTargetException.class)
        .hasMessageContaining("asks for encryption but no keys were fetched");
    EncryptionSpec keys = new EncryptionSpec(EncryptionMode.CENC, track -> null, new byte[16]);
    assertThat(OutputSpecs.toSpec(config(null, dash, null, null), SINK, keys).encryption())
        .isSameAs(keys);
    HlsPackage clear =
        new HlsPackage(
            null, List.of(new HlsManifest(null, null, null, null, true, null)), null, null, null);
    assertThatThrownBy(() -> OutputSpecs.toSpec(config(clear, null, null, null), SINK, keys))
        .hasMessageContaining("is clear but keys were given");

    HlsPackage hls =
        new HlsPackage(
            new HlsEncryption(null, "AES_128", null),
            List.of(
                new HlsManifest(null, null, "a", null, true, null),
                new HlsManifest(null, null, "b", null, null, null)),
            null,
            null,
            null);
    OutputSpec spec = OutputSpecs.toSpec(config(hls, null, null, null), SINK, keys);
    assertThat(spec.encrypted()).isTrue();
    assertThat(spec.manifests())
        .extracting(ManifestSpec::repeatExtXKey)
        .containsExactly(true, false);
  }

  @Test
  void refusesEmptyConfigurations() {
    assertThatThrownBy(() -> OutputSpecs.toSpec(config(null, null, null, null), SINK))
        .hasMessageContaining("has no HLS, DASH, CMAF or MSS package");
    assertThatThrownBy(
            () ->
                OutputSpecs.toSpec(
                    config(new HlsPackage(null, List.of(), null, 0, null), null, null, null), SINK))
        .hasMessageContaining("segmentDurationSeconds");
  }

  @Test
  void contentTypesFollowTheFileKind() {
    assertThat(ContentTypes.forFile("index.m3u8", null)).isEqualTo("application/vnd.apple.mpegurl");
    assertThat(ContentTypes.forFile("index.mpd", "text/plain")).isEqualTo("application/dash+xml");
    assertThat(ContentTypes.forFile("v0/seg_1.ts", null)).isEqualTo("video/MP2T");
    assertThat(ContentTypes.forFile("index.ism/Manifest", null)).isEqualTo("text/xml");
    assertThat(ContentTypes.forFile("a/seg_1.m4s", "audio/mp4")).isEqualTo("audio/mp4");
    assertThat(ContentTypes.forFile("video_1/segment_1.m4s", "video/iso.segment"))
        .isEqualTo("video/mp4");
    assertThat(ContentTypes.forFile("audio_2/segment_1.m4s", "video/iso.segment"))
        .isEqualTo("audio/mp4");
    assertThat(ContentTypes.forFile("audio_2/init.mp4", "video/mp4")).isEqualTo("audio/mp4");
    assertThat(
            ContentTypes.forFile(
                "index.ism/QualityLevels(64000)/Fragments(audio_eng=0)", "video/mp4"))
        .isEqualTo("audio/mp4");
    assertThat(
            ContentTypes.forFile("index.ism/QualityLevels(900000)/Fragments(video=0)", "video/mp4"))
        .isEqualTo("video/mp4");
    assertThat(ContentTypes.forFile("subs/x.bin", null)).isEqualTo("application/octet-stream");
  }
}
