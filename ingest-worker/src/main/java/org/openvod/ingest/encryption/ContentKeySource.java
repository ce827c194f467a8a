package org.openvod.ingest.encryption;

import java.util.List;
import java.util.UUID;
import org.openvod.engine.encrypt.EncryptionSpec;
import org.openvod.events.model.Asset;
import org.openvod.events.model.PackagingConfiguration;
import org.openvod.ingest.speke.KeyRequest;
import org.openvod.ingest.speke.SpekeClient;
import org.openvod.ingest.speke.SpekeException;
import org.openvod.ingest.speke.SpekeKeys;

/**
 * Gets the keys of one (asset, encrypted configuration) from the configuration's key server and
 * makes the engine's {@link EncryptionSpec} of them. The content id is the asset's resourceId, else
 * its id; the key ids come from {@link KeyIds}.
 */
public final class ContentKeySource {

  private final SpekeClient client;
  private final KeyServerCredentials credentials;

  public ContentKeySource(SpekeClient client, KeyServerCredentials credentials) {
    this.client = client;
    this.credentials = credentials;
  }

  /**
   * @return null when {@code config} is clear
   * @throws IllegalArgumentException when the configuration's encryption settings are unusable
   * @throws SpekeException when the key server refused, answered garbage or stayed unreachable
   */
  public EncryptionSpec encryptionFor(Asset asset, PackagingConfiguration config) {
    EncryptionSettings settings = EncryptionSettings.of(config);
    if (settings == null) {
      return null;
    }
    KeyRequest request = settings.keyRequest(contentId(asset));
    List<UUID> kids = KeyIds.forRequest(asset.id(), config.id(), request);
    SpekeKeys keys =
        client.fetch(
            settings.keyServer(), request, kids, credentials.headersFor(settings.roleArn()));
    return new EncryptionSpec(settings.mode(), KeyAssignments.of(keys), settings.constantIv());
  }

  static String contentId(Asset asset) {
    String resourceId = asset.resourceId();
    return resourceId == null || resourceId.isBlank() ? asset.id() : resourceId;
  }
}
