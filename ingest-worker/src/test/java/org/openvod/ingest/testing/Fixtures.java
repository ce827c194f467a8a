package org.openvod.ingest.testing;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.openvod.events.EgressLayout;
import org.openvod.events.model.Asset;
import org.openvod.events.model.CmafPackage;
import org.openvod.events.model.DashEncryption;
import org.openvod.events.model.DashManifest;
import org.openvod.events.model.DashPackage;
import org.openvod.events.model.HlsEncryption;
import org.openvod.events.model.HlsManifest;
import org.openvod.events.model.HlsPackage;
import org.openvod.events.model.LifecycleEvent;
import org.openvod.events.model.MssManifest;
import org.openvod.events.model.MssPackage;
import org.openvod.events.model.PackagingConfiguration;
import org.openvod.events.model.PackagingTarget;
import org.openvod.events.model.SpekeKeyProvider;

/** Lifecycle events as the control API writes them. */
public final class Fixtures {

  public static final String ORIGIN = "http://127.0.0.1:8081";
  static final String ARN = "arn:aws:mediapackage-vod:us-east-1:000000000000:";

  private Fixtures() {}

  public static String newId(String prefix) {
    return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
  }

  public static Asset asset(String id, String sourceArn, String roleArn) {
    return new Asset(
        id,
        ARN + "assets/" + id,
        "2026-12-01T10:00:00Z",
        "group-1",
        null,
        sourceArn,
        roleArn,
        null,
        Map.of());
  }

  public static PackagingConfiguration hls(String id, boolean encrypted) {
    return hls(id, encrypted ? "https://keys.example.com" : null);
  }

  /** HLS AES_128 with SPEKE v1 at {@code keyServerUrl} (HLS AES-128 system), or clear for null. */
  public static PackagingConfiguration hls(String id, String keyServerUrl) {
    HlsEncryption encryption =
        keyServerUrl != null
            ? new HlsEncryption(
                null,
                "AES_128",
                new SpekeKeyProvider(
                    null,
                    "arn:aws:iam::000000000000:role/speke",
                    List.of("81376844-f976-481e-a84e-cc25d39b0b33"),
                    keyServerUrl))
            : null;
    return new PackagingConfiguration(
        id,
        ARN + "packaging-configurations/" + id,
        "2026-12-01T09:00:00Z",
        "group-1",
        new HlsPackage(
            encryption,
            List.of(new HlsManifest(null, null, "index", null, null, null)),
            null,
            2,
            null),
        null,
        null,
        null,
        Map.of());
  }

  /** A configuration of each kind but HLS, every option left to its default. */
  public static PackagingConfiguration cmaf(String id) {
    return kind(
        id,
        null,
        new CmafPackage(
            null, List.of(new HlsManifest(null, null, null, null, null, null)), null, 2),
        null);
  }

  public static PackagingConfiguration dash(String id) {
    return kind(
        id,
        new DashPackage(
            List.of(new DashManifest(null, null, null, null, null, null)),
            null,
            null,
            null,
            null,
            null,
            null),
        null,
        null);
  }

  /** DASH cenc with SPEKE v1 at {@code keyServerUrl} for Widevine. */
  public static PackagingConfiguration dash(String id, String keyServerUrl) {
    return kind(
        id,
        new DashPackage(
            List.of(new DashManifest(null, null, null, null, null, null)),
            new DashEncryption(
                new SpekeKeyProvider(
                    null,
                    "arn:aws:iam::000000000000:role/speke",
                    List.of("edef8ba9-79d6-4ace-a3c8-27dcd51d21ed"),
                    keyServerUrl)),
            null,
            null,
            null,
            null,
            null),
        null,
        null);
  }

  public static PackagingConfiguration mss(String id) {
    return kind(id, null, null, new MssPackage(null, List.of(new MssManifest(null, null)), null));
  }

  private static PackagingConfiguration kind(
      String id, DashPackage dash, CmafPackage cmaf, MssPackage mss) {
    return new PackagingConfiguration(
        id,
        ARN + "packaging-configurations/" + id,
        "2026-12-01T09:00:00Z",
        "group-1",
        null,
        dash,
        cmaf,
        mss,
        Map.of());
  }

  public static PackagingTarget target(String assetHex, PackagingConfiguration config) {
    String configHex = EgressLayout.newHexId();
    String manifestHex = EgressLayout.newHexId();
    return new PackagingTarget(
        config,
        configHex,
        manifestHex,
        EgressLayout.url(
            ORIGIN, assetHex, configHex, manifestHex, config.kind(), config.firstManifestName()));
  }

  public static LifecycleEvent.AssetCreated created(
      Asset asset, String assetHex, List<PackagingTarget> targets) {
    return new LifecycleEvent.AssetCreated(UUID.randomUUID().toString(), asset, assetHex, targets);
  }
}
