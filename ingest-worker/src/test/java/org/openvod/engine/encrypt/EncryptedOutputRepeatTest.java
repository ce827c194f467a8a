package org.openvod.engine.encrypt;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.openvod.engine.output.OutputFormat;
import org.openvod.engine.output.OutputSpec;
import org.openvod.engine.testing.DirectorySink;
import org.openvod.engine.testing.OnePass;
import org.openvod.engine.testing.TestMedia;

/**
 * Packaging an encrypted output again writes the same bytes, so a job redone after a worker crash
 * (same key ids, same keys from the key server) overwrites what the first attempt stored with
 * identical files: no segment of one attempt ever sits next to a playlist of the other.
 */
class EncryptedOutputRepeatTest {

  @Test
  void everyEncryptedFmp4OutputIsTheSameOnASecondPass() throws Exception {
    List<Path> first = pass("first");
    List<Path> second = pass("second");
    for (int i = 0; i < first.size(); i++) {
      List<Path> files = files(first.get(i));
      assertTrue(files.size() > 5, first.get(i) + " has its files");
      assertEquals(files.size(), files(second.get(i)).size(), "same files in " + second.get(i));
      for (Path file : files) {
        Path other = second.get(i).resolve(first.get(i).relativize(file).toString());
        assertArrayEquals(Files.readAllBytes(file), Files.readAllBytes(other), file.toString());
      }
    }
  }

  /** DASH and MSS with cenc (per-sample IVs), CMAF with cbcs (constant IV), in one pass. */
  private static List<Path> pass(String name) throws Exception {
    KeyAssignment keys = KeyAssignment.single(TestKeys.withSignals(TestKeys.HD));
    List<OutputSpec> specs = new ArrayList<>();
    List<Path> roots = new ArrayList<>();
    for (OutputFormat format : List.of(OutputFormat.DASH, OutputFormat.MSS, OutputFormat.CMAF)) {
      Path root = TestMedia.scratch("repeat-" + name + "-" + format);
      EncryptionMode mode = format == OutputFormat.CMAF ? EncryptionMode.CBCS : EncryptionMode.CENC;
      specs.add(
          OutputSpec.of(format.name(), format, 4, new DirectorySink(root))
              .withEncryption(new EncryptionSpec(mode, keys, null)));
      roots.add(root);
    }
    OnePass.packageAll(TestMedia.threeRenditions(), TestMedia.MASTER, specs);
    return roots;
  }

  private static List<Path> files(Path root) throws Exception {
    try (Stream<Path> walk = Files.walk(root)) {
      return walk.filter(Files::isRegularFile).sorted().toList();
    }
  }
}
