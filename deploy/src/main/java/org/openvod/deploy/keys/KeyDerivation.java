package org.openvod.deploy.keys;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Content keys and IVs as a function of the key id: HMAC-SHA256 under a random 32-byte secret made
 * once and kept in the data directory. The same KID always gives the same key (a redone job and a
 * player asking later agree), and only the secret needs storing.
 */
public final class KeyDerivation {

  static final String SECRET_FILE = "secret";

  private final byte[] secret;

  KeyDerivation(byte[] secret) {
    if (secret.length < 32) {
      throw new IllegalArgumentException("the key server's secret must be at least 32 bytes");
    }
    this.secret = secret.clone();
  }

  /** The secret of {@code dir}, created (owner-only) the first time. */
  public static KeyDerivation inDirectory(Path dir) throws IOException {
    Path file = dir.resolve(SECRET_FILE);
    if (!Files.exists(file)) {
      Files.createDirectories(dir);
      byte[] fresh = new byte[32];
      new SecureRandom().nextBytes(fresh);
      Path tmp = Files.createTempFile(dir, SECRET_FILE, ".tmp");
      try {
        Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
      } catch (UnsupportedOperationException e) {
        // not a POSIX file system: the data directory's own permissions protect it
      }
      Files.write(tmp, fresh);
      // an atomic move: two starts racing keep one secret, never a half-written one
      try {
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
      } catch (IOException e) {
        Files.deleteIfExists(tmp);
        if (!Files.exists(file)) {
          throw e;
        }
      }
    }
    byte[] secret = Files.readAllBytes(file);
    if (secret.length < 32) {
      throw new IOException(
          file
              + " is damaged ("
              + secret.length
              + " bytes); delete it to make a new secret (every key changes)");
    }
    return new KeyDerivation(secret);
  }

  /** The 16-byte AES-128 content key of {@code kid}. */
  public byte[] key(UUID kid) {
    return derive("content-key|" + kid);
  }

  /** The 16-byte explicit IV handed out with the key of {@code kid}. */
  public byte[] iv(UUID kid) {
    return derive("explicit-iv|" + kid);
  }

  private byte[] derive(String label) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret, "HmacSHA256"));
      return Arrays.copyOf(mac.doFinal(label.getBytes(StandardCharsets.UTF_8)), 16);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
    }
  }
}
