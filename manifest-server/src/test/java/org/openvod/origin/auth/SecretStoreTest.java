package org.openvod.origin.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openvod.events.model.Authorization;
import org.openvod.events.model.PackagingGroup;

class SecretStoreTest {

  static final String ARN = "arn:aws:secretsmanager:us-east-1:000000000000:secret:MediaPackage/a";

  @TempDir Path dir;

  @Test
  void rotationKeepsThePreviousValueAndFileWinsOverInline() throws Exception {
    Path file = dir.resolve("secrets.json");
    try (SecretStore store =
        new SecretStore(file, "{\"" + ARN + "\":{\"MediaPackageCDNIdentifier\":\"inline\"}}", 0)) {
      assertThat(store.lookup(ARN)).isEqualTo(new CdnSecret("inline", null));
      write(file, "one");
      store.refresh();
      assertThat(store.lookup(ARN)).isEqualTo(new CdnSecret("one", "inline"));
      store.refresh();
      assertThat(store.lookup(ARN))
          .as("no change, no rotation")
          .isEqualTo(new CdnSecret("one", "inline"));
      write(file, "two");
      store.refresh();
      assertThat(store.lookup(ARN)).isEqualTo(new CdnSecret("two", "one"));
      Files.writeString(file, "{ not json");
      store.refresh();
      assertThat(store.lookup(ARN))
          .as("a broken file keeps what we had")
          .isEqualTo(new CdnSecret("two", "one"));
      assertThat(store.lookup("arn:other")).isNull();
    }
  }

  @Test
  void authorizerComparesAgainstCurrentAndPrevious() throws Exception {
    Path file = dir.resolve("secrets.json");
    write(file, "old");
    try (SecretStore store = new SecretStore(file, null, 0)) {
      write(file, "new");
      store.refresh();
      CdnAuthorizer auth = new CdnAuthorizer(store);
      PackagingGroup guarded = group(new Authorization(ARN, "role"));
      assertThat(auth.allows(guarded, "new")).isTrue();
      assertThat(auth.allows(guarded, "old")).isTrue();
      assertThat(auth.allows(guarded, "ne")).isFalse();
      assertThat(auth.allows(guarded, null)).isFalse();
      assertThat(auth.allows(group(new Authorization("arn:unknown", "role")), "new")).isFalse();
      assertThat(auth.allows(group(null), null)).isTrue();
    }
  }

  private static PackagingGroup group(Authorization authorization) {
    return new PackagingGroup("g", "arn:g", null, null, authorization, null, null);
  }

  private static void write(Path file, String value) throws Exception {
    Files.writeString(file, "{\"" + ARN + "\":{\"MediaPackageCDNIdentifier\":\"" + value + "\"}}");
  }
}
