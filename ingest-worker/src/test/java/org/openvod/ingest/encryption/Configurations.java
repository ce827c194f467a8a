package org.openvod.ingest.encryption;

import java.util.List;
import org.openvod.engine.media.Codec;
import org.openvod.engine.media.StreamInfo;
import org.openvod.engine.media.TrackKind;
import org.openvod.events.model.Asset;
import org.openvod.events.model.CmafEncryption;
import org.openvod.events.model.CmafPackage;
import org.openvod.events.model.DashEncryption;
import org.openvod.events.model.DashPackage;
import org.openvod.events.model.EncryptionContractConfiguration;
import org.openvod.events.model.HlsEncryption;
import org.openvod.events.model.HlsManifest;
import org.openvod.events.model.HlsPackage;
import org.openvod.events.model.MssEncryption;
import org.openvod.events.model.MssManifest;
import org.openvod.events.model.MssPackage;
import org.openvod.events.model.PackagingConfiguration;
import org.openvod.events.model.SpekeKeyProvider;

/** Encrypted configurations and tracks as the tests of this package need them. */
final class Configurations {

  static final String ROLE = "arn:aws:iam::000000000000:role/speke";

  private Configurations() {}

  static SpekeKeyProvider provider(
      String url, EncryptionContractConfiguration contract, String... systemIds) {
    return new SpekeKeyProvider(contract, ROLE, List.of(systemIds), url);
  }

  static PackagingConfiguration hls(String id, HlsEncryption encryption) {
    return config(
        id,
        new HlsPackage(
            encryption,
            List.of(new HlsManifest(null, null, null, null, null, null)),
            null,
            null,
            null),
        null,
        null,
        null);
  }

  static PackagingConfiguration cmaf(String id, CmafEncryption encryption) {
    return config(
        id,
        null,
        null,
        new CmafPackage(
            encryption, List.of(new HlsManifest(null, null, null, null, null, null)), null, null),
        null);
  }

  static PackagingConfiguration dash(String id, SpekeKeyProvider provider) {
    return config(
        id,
        null,
        new DashPackage(List.of(), new DashEncryption(provider), null, null, null, null, null),
        null,
        null);
  }

  static PackagingConfiguration mss(String id, SpekeKeyProvider provider) {
    return config(
        id,
        null,
        null,
        null,
        new MssPackage(new MssEncryption(provider), List.of(new MssManifest(null, null)), null));
  }

  static PackagingConfiguration config(
      String id, HlsPackage hls, DashPackage dash, CmafPackage cmaf, MssPackage mss) {
    return new PackagingConfiguration(
        id,
        "arn:aws:mediapackage-vod:::packaging-configurations/" + id,
        null,
        "g",
        hls,
        dash,
        cmaf,
        mss,
        null);
  }

  static Asset asset(String id, String resourceId) {
    return new Asset(
        id,
        "arn:aws:mediapackage-vod:::assets/" + id,
        null,
        "g",
        resourceId,
        "arn:aws:s3:::b/k",
        ROLE,
        null,
        null);
  }

  static StreamInfo video(int width, int height) {
    return new StreamInfo(
        1,
        1,
        TrackKind.VIDEO,
        Codec.H264,
        "avc1.64001f",
        90_000,
        width,
        height,
        25,
        0,
        0,
        null,
        1_000_000,
        null,
        null);
  }

  static StreamInfo audio(int channels) {
    return new StreamInfo(
        2,
        1,
        TrackKind.AUDIO,
        Codec.AAC,
        "mp4a.40.2",
        48_000,
        0,
        0,
        0,
        48_000,
        channels,
        null,
        128_000,
        "en",
        null);
  }

  static StreamInfo subtitle() {
    return new StreamInfo(
        3, 1, TrackKind.SUBTITLE, Codec.WEBVTT, "wvtt", 1000, 0, 0, 0, 0, 0, null, 0, "en", null);
  }
}
