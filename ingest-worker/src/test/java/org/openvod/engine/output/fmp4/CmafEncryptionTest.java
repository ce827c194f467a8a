package org.openvod.engine.output.fmp4;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openvod.engine.encrypt.CbcsSampleEncryptor;
import org.openvod.engine.encrypt.DecodedFrames;
import org.openvod.engine.encrypt.EncryptionMode;
import org.openvod.engine.encrypt.EncryptionSpec;
import org.openvod.engine.encrypt.ProtectedFragment;
import org.openvod.engine.encrypt.Subsample;
import org.openvod.engine.encrypt.TestKeys;
import org.openvod.engine.media.Codec;
import org.openvod.engine.output.OutputFormat;
import org.openvod.engine.output.OutputSpec;
import org.openvod.engine.source.mp4.Mp4TestMedia;
import org.openvod.engine.testing.Manifests;
import org.openvod.engine.testing.OnePass;
import org.openvod.engine.testing.Playlists;

/**
 * CMAF (HLS fMP4) with 'cbcs', proven by decryption: one pass packages the ABR fixture clear and
 * cbcs-encrypted (constantInitializationVector set, parameter sets in-band so the muxer's added
 * parameter sets must widen the clear lead of each segment's first sample, I-frame playlists).
 * ffmpeg's mov demuxer decrypts cbcs with -decryption_key: every segment and I-frame segment
 * decodes to the clear output's frames.
 */
class CmafEncryptionTest {

  static final byte[] CONSTANT_IV = HexFormat.of().parseHex("000102030405060708090a0b0c0d0e0f");
  static final String VIDEO = "video_1";
  static final String AUDIO = "audio_2";

  static FileSink clear;
  static FileSink cbcs;

  static OutputSpec spec(String id, FileSink sink, EncryptionSpec encryption) {
    return OutputSpec.of(id, OutputFormat.CMAF, 2, sink)
        .withManifests(
            List.of(Manifests.of("index", true, false), Manifests.of("repeat", false, true)))
        .withEncoderConfigurationInSegments(true)
        .withEncryption(encryption);
  }

  @BeforeAll
  static void packageOnce() throws Exception {
    clear = new FileSink(OutputTesting.folder("cmaf-cbcs-clear"));
    cbcs = new FileSink(OutputTesting.folder("cmaf-cbcs"));
    OnePass.packageAll(
        Mp4TestMedia.abr(),
        "abr.smil",
        List.of(
            spec("clear", clear, null),
            spec("cbcs", cbcs, TestKeys.singleKey(EncryptionMode.CBCS, CONSTANT_IV))));
  }

  static List<String> files(FileSink sink, String folder, String prefix) {
    return sink.order.stream().filter(p -> p.startsWith(folder + "/" + prefix)).toList();
  }

  @Test
  void ffmpegDecryptsCbcsSegmentsAndIframeSegmentsToTheClearFrames() throws Exception {
    for (String[] track :
        new String[][] {{VIDEO, "segment_"}, {VIDEO, "iframe_"}, {AUDIO, "segment_"}}) {
      List<String> segments = files(clear, track[0], track[1]);
      assertEquals(6, segments.size(), track[0] + "/" + track[1]);
      String init = track[0] + "/init.mp4";
      DecodedFrames.Track clearTrack = new DecodedFrames.Track(clear.folder, init, segments);
      DecodedFrames.Track cbcsTrack = new DecodedFrames.Track(cbcs.folder, init, segments);
      DecodedFrames.assertDecryptsToTheClearFrames(
          clearTrack, cbcsTrack, TestKeys.HD, track[0] + " " + track[1]);
      // without the key: ffmpeg fails on the first segment or decodes other frames
      DecodedFrames.assertNotTheClearFrames(
          clearTrack.first(1).decode(null).frames(), cbcsTrack.first(1), null, track[0]);
    }
  }

  @Test
  void initSegmentsDeclareCbcsWithThePatternAndTheConstantIv() throws Exception {
    ProtectedFragment.Init video =
        ProtectedFragment.readInit(Files.readAllBytes(cbcs.folder.resolve(VIDEO + "/init.mp4")));
    assertEquals("encv", video.entryType());
    assertEquals("avc3", video.originalFormat(), "parameter sets in-band");
    assertEquals("cbcs", video.scheme());
    assertEquals(1, video.tencVersion(), "a pattern needs tenc version 1");
    assertEquals(0x19, video.pattern(), "1 block encrypted, 9 skipped");
    assertEquals(0, video.ivSize(), "constant IV: no per-sample IVs");
    assertArrayEquals(CONSTANT_IV, video.constantIv());
    assertArrayEquals(TestKeys.HD.keyId(), video.keyId());
    assertEquals(2, video.psshBoxes().size());
    ProtectedFragment.Init audio =
        ProtectedFragment.readInit(Files.readAllBytes(cbcs.folder.resolve(AUDIO + "/init.mp4")));
    assertEquals("enca", audio.entryType());
    assertEquals("mp4a", audio.originalFormat());
    assertEquals(0, audio.pattern(), "audio: whole-sample CBC, no pattern");
    assertArrayEquals(CONSTANT_IV, audio.constantIv());
  }

  @Test
  void everySampleDecryptsThroughItsSencEntryAndFollowsThePattern() throws Exception {
    CbcsSampleEncryptor video = CbcsSampleEncryptor.video(TestKeys.HD, Codec.H264, CONSTANT_IV);
    CbcsSampleEncryptor audio = CbcsSampleEncryptor.audio(TestKeys.HD, CONSTANT_IV);
    int patternChecked = 0;
    for (String track : List.of(VIDEO, AUDIO)) {
      for (String file : files(cbcs, track, "")) {
        if (file.endsWith("init.mp4") || file.endsWith(".m3u8")) {
          continue;
        }
        List<byte[]> expected =
            ProtectedFragment.clearSamples(Files.readAllBytes(clear.folder.resolve(file)));
        ProtectedFragment f =
            ProtectedFragment.read(Files.readAllBytes(cbcs.folder.resolve(file)), 0);
        for (int i = 0; i < expected.size(); i++) {
          List<Subsample> subs = f.entries.get(i).subsamples();
          byte[] encrypted = f.samples.get(i);
          assertEquals(track.equals(VIDEO), !subs.isEmpty(), file);
          byte[] decrypted =
              track.equals(VIDEO) ? video.decrypt(encrypted, subs) : audio.decrypt(encrypted, subs);
          assertArrayEquals(expected.get(i), decrypted, file + " sample " + i);
          if (track.equals(AUDIO)) {
            int tail = encrypted.length % 16;
            assertArrayEquals(
                Arrays.copyOfRange(expected.get(i), encrypted.length - tail, encrypted.length),
                Arrays.copyOfRange(encrypted, encrypted.length - tail, encrypted.length),
                "the last partial block stays clear");
            assertFalse(Arrays.equals(expected.get(i), encrypted));
          } else {
            patternChecked += assertPattern(expected.get(i), encrypted, subs, file);
          }
        }
      }
    }
    assertTrue(patternChecked > 100, "protected ranges checked: " + patternChecked);
  }

  /** In each protected range block 0 is encrypted, blocks 1-9 clear, block 10 encrypted... */
  private static int assertPattern(byte[] clear, byte[] encrypted, List<Subsample> subs, String f) {
    int checked = 0;
    long at = 0;
    for (Subsample s : subs) {
      at += s.clearBytes();
      assertArrayEquals(
          Arrays.copyOfRange(clear, (int) (at - s.clearBytes()), (int) at),
          Arrays.copyOfRange(encrypted, (int) (at - s.clearBytes()), (int) at),
          f + ": clear bytes changed");
      for (int block = 0; block < s.protectedBytes() / 16; block++) {
        int from = (int) at + block * 16;
        boolean same =
            Arrays.equals(
                Arrays.copyOfRange(clear, from, from + 16),
                Arrays.copyOfRange(encrypted, from, from + 16));
        assertEquals(block % 10 != 0, same, f + ": block " + block + " of a protected range");
      }
      checked += s.protectedBytes() > 0 ? 1 : 0;
      at += s.protectedBytes();
    }
    return checked;
  }

  @Test
  void playlistsSignalSampleAesKeysPerDrmSystemWithAnHlsKeyUri() throws Exception {
    String tag =
        "#EXT-X-KEY:METHOD=SAMPLE-AES,URI=\"https://keys.example/clearkey/"
            + TestKeys.HD.keyIdUuid()
            + "\",KEYFORMAT=\"org.w3.clearkey\",KEYFORMATVERSIONS=\"1\"";
    for (String playlist :
        List.of(VIDEO + "/index.m3u8", VIDEO + "/index_iframes.m3u8", AUDIO + "/index.m3u8")) {
      String text = cbcs.text(playlist);
      assertEquals(List.of(tag), Playlists.tags(text, "#EXT-X-KEY"), playlist);
      assertTrue(text.indexOf(tag) < text.indexOf("#EXT-X-MAP"), "the key applies from the init");
      assertTrue(Playlists.tags(clear.text(playlist), "#EXT-X-KEY").isEmpty());
    }
    String repeat = cbcs.text(VIDEO + "/repeat.m3u8");
    assertEquals(6, Playlists.tags(repeat, "#EXT-X-KEY").size(), "repeatExtXKey: one per segment");
    String multivariant = cbcs.text("index.m3u8");
    assertEquals(
        List.of(tag.replace("#EXT-X-KEY:", "#EXT-X-SESSION-KEY:")),
        Playlists.tags(multivariant, "#EXT-X-SESSION-KEY"));
  }
}
