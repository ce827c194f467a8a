package org.openvod.engine.output.dash;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.openvod.engine.encrypt.DecodedFrames;
import org.openvod.engine.encrypt.EncryptionMode;
import org.openvod.engine.encrypt.ProtectedFragment;
import org.openvod.engine.encrypt.TestKeys;
import org.openvod.engine.output.fmp4.FileSink;
import org.openvod.engine.output.fmp4.OutputTesting;
import org.openvod.engine.source.mp4.Mp4TestMedia;
import org.openvod.engine.testing.OnePass;

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
    OnePass.packageAll(
        source,
        smil,
        List.of(
            DashEncryptionTest.spec("clear", clear, null),
            DashEncryptionTest.spec(
                "cenc", encrypted, TestKeys.singleKey(EncryptionMode.CENC, null))));
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
      DecodedFrames.Track encryptedTrack = DashEncryptionTest.track(encrypted, rep);
      List<String> clearFrames =
          DecodedFrames.assertDecryptsToTheClearFrames(
              DashEncryptionTest.track(clear, rep), encryptedTrack, TestKeys.HD, name + " " + rep);
      DecodedFrames.assertNotTheClearFrames(clearFrames, encryptedTrack, null, rep);
    }
  }
}
