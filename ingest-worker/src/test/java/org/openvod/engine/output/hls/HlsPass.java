package org.openvod.engine.output.hls;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.openvod.engine.encrypt.EncryptionSpec;
import org.openvod.engine.output.OutputFormat;
import org.openvod.engine.output.OutputSpec;
import org.openvod.engine.testing.DirectorySink;
import org.openvod.engine.testing.Manifests;
import org.openvod.engine.testing.OnePass;
import org.openvod.engine.testing.TestMedia;

/**
 * One Packager pass to several HLS-TS outputs in 4 s segments with I-frame playlists, clear and
 * encrypted side by side, so the encryption tests can compare each encrypted output with the clear
 * one of the same pass.
 */
final class HlsPass {

  /** The constant IV the encryption tests give and expect in EXT-X-KEY. */
  static final byte[] CONSTANT_IV = HexFormat.of().parseHex("a0a1a2a3a4a5a6a7a8a9aaabacadaeaf");

  /**
   * One output of the pass, written to a folder named {@code id}.
   *
   * @param encryption null for a clear output
   */
  record Case(String id, boolean audioGroup, EncryptionSpec encryption, boolean repeatExtXKey) {

    /** An output that names its key once (no repeatExtXKey). */
    Case(String id, boolean audioGroup, EncryptionSpec encryption) {
      this(id, audioGroup, encryption, false);
    }
  }

  private HlsPass() {}

  /**
   * Packages {@code root} of {@code source} into every case under a scratch folder {@code name};
   * fails unless every output succeeds.
   *
   * @return each case's sink by id
   */
  static Map<String, DirectorySink> run(Path source, String root, String name, List<Case> cases)
      throws Exception {
    Path folder = TestMedia.scratch(name);
    Map<String, DirectorySink> sinks = new TreeMap<>();
    List<OutputSpec> specs = new ArrayList<>();
    for (Case c : cases) {
      DirectorySink sink = new DirectorySink(folder.resolve(c.id()));
      sinks.put(c.id(), sink);
      specs.add(
          OutputSpec.of(c.id(), OutputFormat.HLS_TS, 4, sink)
              .withManifests(List.of(Manifests.of("index", true, c.repeatExtXKey())))
              .withAudioRenditionGroup(c.audioGroup())
              .withEncryption(c.encryption()));
    }
    OnePass.packageAll(source, root, specs);
    return sinks;
  }
}
