package org.openvod.engine.output.dash;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.openvod.engine.Packager;
import org.openvod.engine.encrypt.DecodedFrames;
import org.openvod.engine.encrypt.EncryptionMode;
import org.openvod.engine.encrypt.EncryptionSpec;
import org.openvod.engine.encrypt.KeyAssignment;
import org.openvod.engine.encrypt.ProtectedFragment;
import org.openvod.engine.encrypt.TestKeys;
import org.openvod.engine.output.OutputResult;
import org.openvod.engine.output.fmp4.FileSink;
import org.openvod.engine.output.fmp4.OutputTesting;
import org.openvod.engine.pipeline.ProgressListener;
import org.openvod.engine.source.mp4.Mp4TestMedia;

/**
 * cenc beyond H.264 and AAC: H.265 (two-byte NAL headers, hvc1 wrapped in encv) and AC-3 / E-AC-3
 * (whole-sample encryption, ac-3 / ec-3 wrapped in enca) decrypt in ffmpeg to the clear frames.
 */
class DashEncryptionCodecsTest {

  @ParameterizedTest
  @CsvSource({
    "hevc, hevc.smil, hvc1, mp4a",
    "dolby, ac3.smil, avc1, ac-3",
    "dolby, eac3.smil, avc1, ec-3"
  })
  void everyTrackDecryptsToTheClearFrames(
      String fixture, String smil, String videoFormat, String audioFormat) throws Exception {
    Path source = Mp4TestMedia.root().resolve(fixture);
    String name = smil.replace(".smil", "");
    FileSink clear = new FileSink(OutputTesting.folder("dash-cenc-" + name + "-clear"));
    FileSink encrypted = new FileSink(OutputTesting.folder("dash-cenc-" + name));
    List<OutputResult> results =
        Packager.run(
            new Mp4TestMedia.FolderLocator(source),
            smil,
            List.of(
                DashEncryptionTest.spec("clear", clear, null),
                DashEncryptionTest.spec(
                    "cenc",
                    encrypted,
                    new EncryptionSpec(
                        EncryptionMode.CENC,
                        KeyAssignment.single(TestKeys.withSignals(TestKeys.HD)),
                        null))),
            ProgressListener.NONE);
    for (OutputResult r : results) {
      assertNull(r.error(), r.outputId());
    }
    List<String> reps =
        encrypted.order.stream()
            .filter(p -> p.endsWith("/init.mp4") && !p.contains("iframes"))
            .map(p -> p.substring(0, p.indexOf('/')))
            .toList();
    assertEquals(2, reps.size(), reps.toString());
    for (String rep : reps) {
      ProtectedFragment.Init init =
          ProtectedFragment.readInit(
              Files.readAllBytes(encrypted.folder.resolve(rep + "/init.mp4")));
      assertEquals(rep.startsWith("video") ? videoFormat : audioFormat, init.originalFormat());
      List<String> segments = DashEncryptionTest.segments(encrypted, rep);
      DecodedFrames.Result expected =
          DecodedFrames.perSegment(clear.folder, rep + "/init.mp4", segments, null);
      assertEquals(0, expected.exitCode(), expected.stderr());
      DecodedFrames.Result decrypted =
          DecodedFrames.perSegment(
              encrypted.folder, rep + "/init.mp4", segments, TestKeys.hex(TestKeys.HD.key()));
      assertEquals(0, decrypted.exitCode(), rep + ": " + decrypted.stderr());
      DecodedFrames.assertSameFrames(expected.frames(), decrypted.frames(), name + " " + rep);
      DecodedFrames.Result withoutKey =
          DecodedFrames.perSegment(encrypted.folder, rep + "/init.mp4", segments, null);
      assertTrue(
          withoutKey.exitCode() != 0 || !withoutKey.frames().equals(expected.frames()),
          rep + " decodes without the key");
    }
  }
}
