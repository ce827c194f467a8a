package org.openvod.ingest.source;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.openvod.ingest.config.S3Clients;
import org.openvod.ingest.config.WorkerProperties;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Decides whether an asset's source may be read, and with which credentials: the bucket must be in
 * the allow-list, and when roles are configured the asset's role must be one of them (its
 * credentials stand in for assuming the role). Without roles every role maps to the default
 * credentials (local mode).
 */
public final class SourceAccess {

  private record Credentials(String accessKeyId, String secretAccessKey) {}

  private final Set<String> allowedBuckets;
  private final Map<String, Credentials> roles = new HashMap<>();
  private final Credentials defaults;
  private final S3Clients clients;

  public SourceAccess(WorkerProperties properties, S3Clients clients) {
    this.clients = clients;
    this.allowedBuckets =
        Set.copyOf(
            properties.sources().buckets().stream()
                .map(String::trim)
                .filter(b -> !b.isEmpty())
                .toList());
    this.defaults = new Credentials(properties.accessKeyId(), properties.secretAccessKey());
    properties
        .sources()
        .rolesOrEmpty()
        .forEach(
            (role, keys) -> {
              int colon = keys == null ? -1 : keys.indexOf(':');
              if (colon <= 0 || colon == keys.length() - 1) {
                throw new IllegalArgumentException(
                    "openvod.sources.roles[" + role + "] must be 'accessKeyId:secretAccessKey'");
              }
              roles.put(role, new Credentials(keys.substring(0, colon), keys.substring(colon + 1)));
            });
  }

  /** A client allowed to read the source, or why there is none. */
  public S3Client clientFor(SourceArn source, String roleArn) throws SourceRejectedException {
    if (!allowedBuckets.contains(source.bucket())) {
      throw new SourceRejectedException(
          "source bucket '"
              + source.bucket()
              + "' is not in the allow-list of source buckets (openvod.sources.buckets)");
    }
    Credentials credentials = defaults;
    if (!roles.isEmpty()) {
      if (roleArn == null || roleArn.isBlank()) {
        throw new SourceRejectedException("the asset has no sourceRoleArn");
      }
      credentials = roles.get(roleArn);
      if (credentials == null) {
        throw new SourceRejectedException(
            "sourceRoleArn '" + roleArn + "' is not a role this worker can assume");
      }
    }
    return clients.client(credentials.accessKeyId(), credentials.secretAccessKey());
  }
}
