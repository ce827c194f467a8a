package org.openvod.events;

import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * Where packaged outputs live. The playback URL path after {@code /out/v1/} is the object key in
 * the output bucket, so the manifest server maps one onto the other without any lookup table:
 *
 * <pre>
 * {domainName}/out/v1/{assetHex}/{configHex}/{manifestHex}/{manifestName}.m3u8   (HLS, CMAF)
 *                                                         /{manifestName}.mpd    (DASH)
 *                                                         /{manifestName}.ism/Manifest (MSS)
 * </pre>
 */
public final class EgressLayout {

  public static final String PATH_PREFIX = "/out/v1/";
  private static final SecureRandom RANDOM = new SecureRandom();

  private EgressLayout() {}

  /** A new 32-hex id (128 random bits), generated once per asset or configuration and stored. */
  public static String newHexId() {
    byte[] bytes = new byte[16];
    RANDOM.nextBytes(bytes);
    return HexFormat.of().formatHex(bytes);
  }

  /** The object key prefix (no leading slash, trailing slash) of one (asset, configuration). */
  public static String keyPrefix(String assetHex, String configHex, String manifestHex) {
    return assetHex + "/" + configHex + "/" + manifestHex + "/";
  }

  /** The parent manifest's file name for a package kind and a manifest name. */
  public static String manifestFile(PackageKind kind, String manifestName) {
    String name = manifestName == null || manifestName.isEmpty() ? "index" : manifestName;
    return switch (kind) {
      case HLS, CMAF -> name + ".m3u8";
      case DASH -> name + ".mpd";
      case MSS -> name + ".ism/Manifest";
    };
  }

  /** The playback URL of one manifest of one (asset, configuration). */
  public static String url(
      String domainName,
      String assetHex,
      String configHex,
      String manifestHex,
      PackageKind kind,
      String manifestName) {
    String base =
        domainName.endsWith("/") ? domainName.substring(0, domainName.length() - 1) : domainName;
    return base
        + PATH_PREFIX
        + keyPrefix(assetHex, configHex, manifestHex)
        + manifestFile(kind, manifestName);
  }
}
