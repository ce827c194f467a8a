package org.openvod.origin.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import org.openvod.events.model.Authorization;
import org.openvod.events.model.PackagingGroup;

/**
 * CDN authorization of a packaging group (mediapackage-vod-api.md §7): when the group has an
 * authorization, a request must carry {@code X-MediaPackage-CDNIdentifier} equal to the current or
 * the previous value of the group's secret. A missing header, an unknown secret or a mismatch all
 * deny. Values are compared in constant time so the header cannot be guessed byte by byte.
 */
public final class CdnAuthorizer {

  public static final String HEADER = "X-MediaPackage-CDNIdentifier";

  private final SecretStore secrets;

  public CdnAuthorizer(SecretStore secrets) {
    this.secrets = secrets;
  }

  public boolean allows(PackagingGroup group, String headerValue) {
    Authorization authorization = group.authorization();
    if (authorization == null) {
      return true;
    }
    if (headerValue == null) {
      return false;
    }
    CdnSecret secret = secrets.lookup(authorization.cdnIdentifierSecret());
    if (secret == null) {
      return false;
    }
    byte[] presented = headerValue.getBytes(StandardCharsets.UTF_8);
    // evaluate both without short-circuit so timing does not tell which one matched
    boolean current = equal(presented, secret.current());
    boolean previous = equal(presented, secret.previous());
    return current | previous;
  }

  private static boolean equal(byte[] presented, String expected) {
    if (expected == null) {
      return false;
    }
    return MessageDigest.isEqual(presented, expected.getBytes(StandardCharsets.UTF_8));
  }
}
