package org.openvod.engine.output.mss;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openvod.engine.Packager;
import org.openvod.engine.encrypt.CencCtr;
import org.openvod.engine.encrypt.DecodedFrames;
import org.openvod.engine.encrypt.EncryptionMode;
import org.openvod.engine.encrypt.EncryptionSpec;
import org.openvod.engine.encrypt.KeyAssignment;
import org.openvod.engine.encrypt.ProtectedFragment;
import org.openvod.engine.encrypt.ProtectionKey;
import org.openvod.engine.encrypt.TestKeys;
import org.openvod.engine.encrypt.TrackProtection;
import org.openvod.engine.media.StreamInfo;
import org.openvod.engine.media.TrackKind;
import org.openvod.engine.output.OutputFormat;
import org.openvod.engine.output.OutputResult;
import org.openvod.engine.output.OutputSpec;
import org.openvod.engine.output.fmp4.FileSink;
import org.openvod.engine.output.fmp4.InitSegment;
import org.openvod.engine.output.fmp4.OutputTesting;
import org.openvod.engine.pipeline.ProgressListener;
import org.openvod.engine.source.mp4.CollectingHandler;
import org.openvod.engine.source.mp4.Mp4TestMedia;
import org.openvod.engine.source.smil.SmilDemuxer;
import org.openvod.engine.testing.OnePass;
import org.w3c.dom.Element;

/**
 * Smooth Streaming with 'cenc' (PlayReady-style protection): the client manifest carries the
 * PlayReady protection header, the fragments carry PIFF sample encryption boxes, and every sample
 * decrypts to the clear output's, in the test and through ffmpeg behind an init segment with the
 * track's tenc (MSS itself has no init file: Smooth clients build one from the manifest) once the
 * PIFF box is read as the senc it is equivalent to (ffmpeg 5.1 has no PIFF reader).
 */
class MssEncryptionTest {

  static final String PLAYREADY_ID = "9A04F079-9840-4286-AB92-E65BE0885F95";

  static FileSink clear;
  static FileSink encrypted;

  static OutputSpec spec(String id, FileSink sink, EncryptionSpec encryption) {
    return OutputSpec.of(id, OutputFormat.MSS, 2, sink).withEncryption(encryption);
  }

  @BeforeAll
  static void packageOnce() throws Exception {
    clear = new FileSink(OutputTesting.folder("mss-cenc-clear"));
    encrypted = new FileSink(OutputTesting.folder("mss-cenc"));
    OnePass.packageAll(
        Mp4TestMedia.abr(),
        "abr.smil",
        List.of(
            spec("clear", clear, null),
            spec("cenc", encrypted, TestKeys.singleKey(EncryptionMode.CENC, null))));
  }

  static Element manifest(FileSink sink) throws Exception {
    return MssOutputTest.manifest(sink, "index.ism/Manifest");
  }

  static List<String> fragments(FileSink sink, String stream) {
    return sink.order.stream().filter(p -> p.contains("/Fragments(" + stream + "=")).toList();
  }

  @Test
  void aKeyWithoutASmoothProtectionHeaderFailsTheOutput() throws Exception {
    FileSink sink = new FileSink(OutputTesting.folder("mss-cenc-no-header"));
    ProtectionKey clearKeyOnly =
        new ProtectionKey(TestKeys.HD, List.of(TestKeys.clearKey(TestKeys.HD)));
    OutputResult result =
        Packager.run(
                new Mp4TestMedia.FolderLocator(Mp4TestMedia.split()),
                "split.smil",
                List.of(
                    spec(
                        "no-header",
                        sink,
                        new EncryptionSpec(
                            EncryptionMode.CENC, KeyAssignment.single(clearKeyOnly), null))),
                ProgressListener.NONE)
            .get(0);
    assertTrue(result.error().contains("mssProtectionHeader"), result.error());
    assertFalse(sink.order.stream().anyMatch(p -> p.endsWith("Manifest")), "no manifest written");
  }

  @Test
  void manifestCarriesThePlayReadyProtectionHeader() throws Exception {
    Element root = manifest(encrypted);
    List<Element> headers = MssOutputTest.children(root, "ProtectionHeader");
    assertEquals(1, headers.size(), "only the PlayReady signal has a Smooth header");
    assertEquals("Protection", headers.get(0).getParentNode().getNodeName());
    assertEquals(PLAYREADY_ID, headers.get(0).getAttribute("SystemID"));
    assertEquals(
        TestKeys.playReady(TestKeys.HD).mssProtectionHeader(), headers.get(0).getTextContent());
    assertTrue(MssOutputTest.children(manifest(clear), "Protection").isEmpty());
    // the rest of the manifest is the clear one's: same streams, levels and fragment times
    assertEquals(
        MssOutputTest.children(manifest(clear), "c").size(),
        MssOutputTest.children(root, "c").size());
  }

  @Test
  void fragmentsCarryPiffSampleEncryptionAndDecryptToTheClearSamples() throws Exception {
    CencCtr ctr = new CencCtr(TestKeys.HD);
    for (String stream : List.of("video", "audio_eng")) {
      List<String> files = fragments(encrypted, stream);
      assertFalse(files.isEmpty(), stream);
      assertEquals(fragments(clear, stream), files);
      for (String file : files) {
        ProtectedFragment f =
            ProtectedFragment.read(Files.readAllBytes(encrypted.folder.resolve(file)), 8);
        assertTrue(f.piff, file);
        assertEquals(List.of("tfhd", "tfdt", "trun", "uuid", "uuid"), f.trafChildren, file);
        List<byte[]> expected =
            ProtectedFragment.clearSamples(Files.readAllBytes(clear.folder.resolve(file)));
        assertEquals(expected.size(), f.samples.size());
        for (int i = 0; i < expected.size(); i++) {
          ProtectedFragment.Entry e = f.entries.get(i);
          assertArrayEquals(
              expected.get(i),
              ctr.transform(f.samples.get(i), e.iv(), e.subsamples()),
              file + " sample " + i);
          if (stream.startsWith("audio")) {
            assertFalse(Arrays.equals(expected.get(i), f.samples.get(i)), "audio is encrypted");
          }
        }
      }
    }
  }

  /**
   * The fragment with its PIFF box turned into the senc box it is equivalent to (same payload), as
   * dash.js's Smooth Streaming support does before it appends a fragment: ffmpeg 5.1 reads senc but
   * not PIFF. A 16-byte free box takes the place of the PIFF extended type, so no offset moves.
   */
  static byte[] piffAsSenc(byte[] fragment) {
    byte[] out = fragment.clone();
    for (int at = 0; at + 24 <= out.length; at++) {
      if (out[at + 4] == 'u'
          && out[at + 5] == 'u'
          && out[at + 6] == 'i'
          && out[at + 7] == 'd'
          && (out[at + 8] & 0xFF) == 0xa2
          && out[at + 9] == 0x39) {
        java.nio.ByteBuffer b = java.nio.ByteBuffer.wrap(out);
        int size = b.getInt(at);
        byte[] payload = Arrays.copyOfRange(fragment, at + 24, at + size);
        b.position(at);
        b.putInt(size - 16).put("senc".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        b.put(payload);
        b.putInt(16).put("free".getBytes(java.nio.charset.StandardCharsets.US_ASCII)).putLong(0);
        return out;
      }
    }
    throw new AssertionError("no PIFF sample encryption box");
  }

  @Test
  void ffmpegDecryptsFragmentsBehindAnInitSegmentWithTheTracksTenc() throws Exception {
    CollectingHandler source = new CollectingHandler();
    new SmilDemuxer(new Mp4TestMedia.FolderLocator(Mp4TestMedia.abr()), "abr.smil")
        .run(source, f -> {});
    StreamInfo info =
        source.infos.values().stream().filter(i -> i.kind() == TrackKind.VIDEO).findFirst().get();
    StreamInfo smooth = MssOutputTest.asSmoothClientSeesIt(info);
    TrackProtection tenc =
        new TrackProtection("cenc", TestKeys.HD.keyId(), 8, null, 0, 0, List.of());
    Path dir = OutputTesting.folder("mss-cenc-ffmpeg");
    Files.write(dir.resolve("clear-init.mp4"), InitSegment.build(smooth, false));
    Files.write(dir.resolve("cenc-init.mp4"), InitSegment.build(smooth, false, tenc));
    String level = "QualityLevels(" + info.bitrate() + ")/";
    List<String> files =
        fragments(encrypted, "video").stream().filter(p -> p.contains(level)).toList();
    assertEquals(6, files.size());
    for (String file : files) {
      Files.copy(clear.folder.resolve(file), dir.resolve("clear-" + files.indexOf(file)));
      Files.write(
          dir.resolve("cenc-" + files.indexOf(file)),
          piffAsSenc(Files.readAllBytes(encrypted.folder.resolve(file))));
    }
    List<String> clearFragments = files.stream().map(f -> "clear-" + files.indexOf(f)).toList();
    List<String> cencFragments = files.stream().map(f -> "cenc-" + files.indexOf(f)).toList();
    DecodedFrames.assertDecryptsToTheClearFrames(
        new DecodedFrames.Track(dir, "clear-init.mp4", clearFragments),
        new DecodedFrames.Track(dir, "cenc-init.mp4", cencFragments),
        TestKeys.HD,
        "MSS video");
  }
}
