package org.openvod.ingest.encryption;

import java.net.URI;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.openvod.engine.encrypt.EncryptionMode;
import org.openvod.events.model.EncryptionContractConfiguration;
import org.openvod.events.model.PackagingConfiguration;
import org.openvod.events.model.SpekeKeyProvider;
import org.openvod.ingest.speke.KeyRequest;

/**
 * The encryption a packaging configuration asks for, read from MediaPackage's shapes: HLS AES_128
 * (default) or SAMPLE_AES, CMAF cbcs, DASH and MSS cenc; SPEKE v2 when the key provider has an
 * encryption contract, else v1.
 *
 * @param keyServer the SpekeKeyProvider's url
 * @param roleArn the SpekeKeyProvider's roleArn (picks the key server credentials)
 * @param constantIv constantInitializationVector as 16 bytes, or null
 */
public record EncryptionSettings(
    EncryptionMode mode,
    URI keyServer,
    String roleArn,
    List<UUID> systemIds,
    EncryptionContractConfiguration contract,
    byte[] constantIv) {

  /**
   * The settings of {@code config}, or null when it is clear.
   *
   * @throws IllegalArgumentException naming the field that is unusable
   */
  public static EncryptionSettings of(PackagingConfiguration config) {
    if (config.kind() == null) {
      return null;
    }
    return switch (config.kind()) {
      case HLS ->
          config.hlsPackage().encryption() == null
              ? null
              : read(
                  "hlsPackage.encryption",
                  hlsMode(config.hlsPackage().encryption().encryptionMethod()),
                  config.hlsPackage().encryption().spekeKeyProvider(),
                  config.hlsPackage().encryption().constantInitializationVector(),
                  false);
      case CMAF ->
          config.cmafPackage().encryption() == null
              ? null
              : read(
                  "cmafPackage.encryption",
                  EncryptionMode.CBCS,
                  config.cmafPackage().encryption().spekeKeyProvider(),
                  config.cmafPackage().encryption().constantInitializationVector(),
                  true);
      case DASH ->
          config.dashPackage().encryption() == null
              ? null
              : read(
                  "dashPackage.encryption",
                  EncryptionMode.CENC,
                  config.dashPackage().encryption().spekeKeyProvider(),
                  null,
                  true);
      case MSS ->
          config.mssPackage().encryption() == null
              ? null
              : read(
                  "mssPackage.encryption",
                  EncryptionMode.CENC,
                  config.mssPackage().encryption().spekeKeyProvider(),
                  null,
                  false);
    };
  }

  /**
   * The SPEKE request for an asset: v1 (one key) without a contract, v2 with its presets (cenc for
   * DASH, cbcs for CMAF).
   */
  public KeyRequest keyRequest(String contentId) {
    if (contract == null) {
      return KeyRequest.v1(contentId, systemIds);
    }
    return KeyRequest.v2(
        contentId,
        systemIds,
        contract.presetSpeke20Video(),
        contract.presetSpeke20Audio(),
        mode == EncryptionMode.CBCS ? "cbcs" : "cenc");
  }

  @Override
  public byte[] constantIv() {
    return constantIv == null ? null : constantIv.clone();
  }

  private static EncryptionSettings read(
      String field,
      EncryptionMode mode,
      SpekeKeyProvider provider,
      String constantIv,
      boolean speke20Allowed) {
    if (provider == null) {
      throw new IllegalArgumentException(field + ".spekeKeyProvider is missing");
    }
    String url = provider.url();
    URI keyServer;
    try {
      keyServer = url == null ? null : URI.create(url.trim());
    } catch (IllegalArgumentException e) {
      keyServer = null;
    }
    if (keyServer == null
        || keyServer.getHost() == null
        || !("https".equalsIgnoreCase(keyServer.getScheme())
            || "http".equalsIgnoreCase(keyServer.getScheme()))) {
      throw new IllegalArgumentException(
          field + ".spekeKeyProvider.url is not an http(s) URL: " + url);
    }
    List<UUID> systems = new ArrayList<>();
    List<String> ids = provider.systemIds() == null ? List.of() : provider.systemIds();
    for (int i = 0; i < ids.size(); i++) {
      try {
        systems.add(UUID.fromString(ids.get(i).trim()));
      } catch (IllegalArgumentException | NullPointerException e) {
        throw new IllegalArgumentException(
            field + ".spekeKeyProvider.systemIds[" + i + "] is not a UUID: " + ids.get(i));
      }
    }
    if (systems.isEmpty()) {
      throw new IllegalArgumentException(field + ".spekeKeyProvider.systemIds is empty");
    }
    EncryptionContractConfiguration contract = provider.encryptionContractConfiguration();
    if (contract != null && !speke20Allowed) {
      throw new IllegalArgumentException(
          field
              + ".spekeKeyProvider.encryptionContractConfiguration: SPEKE v2 is for DASH and"
              + " CMAF only");
    }
    return new EncryptionSettings(
        mode,
        keyServer,
        provider.roleArn(),
        List.copyOf(systems),
        contract,
        iv(field + ".constantInitializationVector", constantIv));
  }

  private static EncryptionMode hlsMode(String method) {
    if (method == null || method.isBlank()) {
      return EncryptionMode.AES_128;
    }
    return switch (method.trim().toUpperCase(Locale.ROOT)) {
      case "AES_128" -> EncryptionMode.AES_128;
      case "SAMPLE_AES" -> EncryptionMode.SAMPLE_AES;
      default ->
          throw new IllegalArgumentException(
              "hlsPackage.encryption.encryptionMethod must be AES_128 or SAMPLE_AES, got "
                  + method);
    };
  }

  private static byte[] iv(String field, String hex) {
    if (hex == null || hex.isBlank()) {
      return null;
    }
    String digits = hex.trim();
    if (digits.length() != 32) {
      throw new IllegalArgumentException(field + " must be 32 hex digits, got " + hex);
    }
    try {
      return HexFormat.of().parseHex(digits);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(field + " must be 32 hex digits, got " + hex);
    }
  }
}
