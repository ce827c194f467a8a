package org.openvod.engine.output.hls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openvod.engine.Packager;
import org.openvod.engine.encrypt.DecodedFrames;
import org.openvod.engine.encrypt.EncryptionMode;
import org.openvod.engine.encrypt.EncryptionSpec;
import org.openvod.engine.encrypt.KeyAssignment;
import org.openvod.engine.encrypt.TestKeys;
import org.openvod.engine.media.Codec;
import org.openvod.engine.media.PackagingException;
import org.openvod.engine.media.StreamInfo;
import org.openvod.engine.media.TrackKind;
import org.openvod.engine.output.OutputFormat;
import org.openvod.engine.output.OutputResult;
import org.openvod.engine.output.OutputSink;
import org.openvod.engine.output.OutputSpec;
import org.openvod.engine.output.hls.HlsPass.Case;
import org.openvod.engine.pipeline.ProgressListener;
import org.openvod.engine.source.FileSourceLocator;
import org.openvod.engine.testing.DirectorySink;
import org.openvod.engine.testing.Playlists;
import org.openvod.engine.testing.TestMedia;
import org.openvod.engine.testing.Tools;

/**
 * HLS-TS with METHOD=SAMPLE-AES (Apple's sample encryption, the FairPlay TS format): ffmpeg's HLS
 * demuxer (libavformat/hls_sample_encryption.c, ffmpeg 5+) fetches the key, decrypts H.264, AAC and
 * AC-3 samples, and decodes exactly the frames of the clear output of the same pass; without the
 * key the samples are different bytes; the PMT signals the format as Apple's spec asks.
 */
class HlsSampleAesOutputTest {

  private static KeyServer keys;
  private static Map<String, DirectorySink> aac;
  private static Map<String, DirectorySink> ac3;
  private static Map<String, DirectorySink> eac3;

  @BeforeAll
  static void packageOnce() throws Exception {
    keys = new KeyServer(TestKeys.HLS);
    EncryptionSpec constant = spec(HlsPass.CONSTANT_IV);
    EncryptionSpec rotating = spec(null);
    aac =
        HlsPass.run(
            TestMedia.threeRenditions(),
            TestMedia.MASTER,
            "sample-aes",
            List.of(
                new Case("clear", false, null),
                new Case("clear_group", true, null),
                new Case("constant", false, constant),
                new Case("rotating", false, rotating),
                new Case("rotating_group", true, rotating)));
    List<Case> clearAndRotating =
        List.of(new Case("clear", false, null), new Case("rotating", false, rotating));
    ac3 = HlsPass.run(TestMedia.ac3Audio(), "index.m3u8", "sample-aes-ac3", clearAndRotating);
    eac3 = HlsPass.run(TestMedia.eac3Audio(), "index.m3u8", "sample-aes-eac3", clearAndRotating);
  }

  @AfterAll
  static void stop() {
    if (keys != null) {
      keys.close();
    }
  }

  private static EncryptionSpec spec(byte[] constantIv) {
    return new EncryptionSpec(
        EncryptionMode.SAMPLE_AES,
        KeyAssignment.single(keys.protectionKey(TestKeys.HLS)),
        constantIv);
  }

  @Test
  void ffmpegDecryptsH264AndAacToTheClearFrames() {
    int before = keys.requestCount();
    for (String id : List.of("constant", "rotating")) {
      for (String variant : List.of("index_v0.m3u8", "index_v2.m3u8")) {
        int entries =
            EntryByEntry.assertDecryptsToTheClearFrames(
                aac.get("clear").root(), aac.get(id).root(), variant);
        assertEquals(3, entries, "12 s in 4 s segments");
      }
    }
    assertTrue(keys.requestCount() > before, "ffmpeg fetched the key from the key URI");
  }

  @Test
  void audioRenditionsAreSampleEncryptedToo() {
    for (String playlist : List.of("index_a0.m3u8", "index_v1.m3u8")) {
      EntryByEntry.assertDecryptsToTheClearFrames(
          aac.get("clear_group").root(), aac.get("rotating_group").root(), playlist);
    }
    assertFalse(
        Playlists.tags(
                TestMedia.read(aac.get("rotating_group").root().resolve("index_a0.m3u8")),
                "#EXT-X-KEY:METHOD=SAMPLE-AES")
            .isEmpty());
  }

  @Test
  void ffmpegDecryptsAc3ToTheClearFrames() {
    assertDolbyDecryptsAndIsSignalled(ac3, "ac3d", "zac3");
  }

  @Test
  void ffmpegDecryptsEac3ToTheClearFrames() {
    assertDolbyDecryptsAndIsSignalled(eac3, "ec3d", "zec3");
  }

  /**
   * The rotating output of a Dolby pass decrypts to the clear output's frames, and its PMT carries
   * the private data indicator and the registration descriptor ('apad' + format) Apple's spec asks.
   */
  private static void assertDolbyDecryptsAndIsSignalled(
      Map<String, DirectorySink> pass, String privateData, String format) {
    EntryByEntry.assertDecryptsToTheClearFrames(
        pass.get("clear").root(), pass.get("rotating").root(), "index_v0.m3u8");
    byte[] pmt = pmt(pass.get("rotating").root().resolve("v0/seg_00000.ts"));
    assertTrue(contains(pmt, privateData) && contains(pmt, "apad") && contains(pmt, format));
  }

  @Test
  void theIframePlaylistDecryptsToTheClearKeyFrames() {
    String playlist = "index_v0_iframes.m3u8";
    assertEquals(6, DecodedFrames.ofPlaylist(aac.get("clear").root(), playlist).size());
    int entries =
        EntryByEntry.assertDecryptsToTheClearFrames(
            aac.get("clear").root(), aac.get("rotating").root(), playlist, TestKeys.HLS.key());
    assertEquals(6, entries, "byte ranges of the SAMPLE-AES segments");
  }

  @Test
  void withoutTheKeyTheSamplesAreOtherBytes() {
    Path clear = aac.get("clear").root();
    Path encrypted = aac.get("rotating").root();
    for (String stream : List.of("v", "a")) {
      List<String> plain = packetHashes(clear, "v0/seg_00001.ts", stream);
      List<String> cipher = packetHashes(encrypted, "v0/seg_00001.ts", stream);
      assertEquals(plain.size(), cipher.size(), stream + " packets");
      int differ = 0;
      for (int i = 0; i < plain.size(); i++) {
        if (!plain.get(i).equals(cipher.get(i))) {
          differ++;
        }
      }
      assertTrue(differ > plain.size() * 9 / 10, stream + ": " + differ + " of " + plain.size());
    }
  }

  /** The hash of every packet of one stream type, as ffprobe reads the file (no decryption). */
  private static List<String> packetHashes(Path dir, String file, String stream) {
    Tools.Result result =
        Tools.ffprobe(
            dir,
            "-v",
            "quiet",
            "-select_streams",
            stream,
            "-show_data_hash",
            "MD5",
            "-show_entries",
            "packet=data_hash",
            "-of",
            "default=noprint_wrappers=1",
            file);
    assertEquals(0, result.exitCode(), result.stderr());
    List<String> out = new ArrayList<>();
    for (String line : result.stdout().split("\n")) {
      if (line.startsWith("data_hash=")) {
        out.add(line.substring(10).trim());
      }
    }
    return out;
  }

  @Test
  void thePmtSignalsApplesFormat() {
    Path segment = aac.get("constant").root().resolve("v0/seg_00000.ts");
    byte[] section = pmt(segment);
    // pointer field, then the section: 12 bytes of header and program info, then the streams
    int p = 1 + 12;
    int end = 1 + 3 + (((section[2] & 0x0f) << 8) | (section[3] & 0xff)) - 4;
    List<String> streams = new ArrayList<>();
    while (p < end) {
      int type = section[p] & 0xff;
      int infoLength = ((section[p + 3] & 0x0f) << 8) | (section[p + 4] & 0xff);
      byte[] info = java.util.Arrays.copyOfRange(section, p + 5, p + 5 + infoLength);
      streams.add(
          Integer.toHexString(type)
              + ":"
              + new String(info, 2, 4, StandardCharsets.US_ASCII)
              + (infoLength > 6 ? ":" + new String(info, 8, 8, StandardCharsets.US_ASCII) : ""));
      p += 5 + infoLength;
    }
    // private data indicator 'zavc' / 'aacd'; AAC's registration descriptor 'apad' + 'zaac'
    assertEquals(List.of("db:zavc", "cf:aacd:apadzaac"), streams);
    Tools.Result probe =
        Tools.ffprobe(
            segment.getParent(),
            "-v",
            "quiet",
            "-show_entries",
            "stream=codec_name",
            "-of",
            "csv=p=0",
            segment.getFileName().toString());
    assertEquals(
        List.of("h264", "aac"),
        probe.stdout().lines().filter(l -> !l.isBlank()).distinct().toList(),
        "ffmpeg knows Apple's stream types");
  }

  @Test
  void extXKeySaysSampleAesWithTheIv() {
    String text = TestMedia.read(aac.get("constant").root().resolve("index_v0.m3u8"));
    List<String> tags = Playlists.tags(text, "#EXT-X-KEY");
    assertEquals(1, tags.size());
    Map<String, String> attributes = Playlists.attributes(tags.get(0));
    assertEquals("SAMPLE-AES", attributes.get("METHOD"));
    assertEquals(keys.uri(), attributes.get("URI"));
    assertEquals("0xA0A1A2A3A4A5A6A7A8A9AAABACADAEAF", attributes.get("IV"));
    String rotating = TestMedia.read(aac.get("rotating").root().resolve("index_v0.m3u8"));
    assertEquals(Playlists.entries(rotating).size(), Playlists.tags(rotating, "#EXT-X-KEY").size());
  }

  @Test
  void hevcIsRefusedWithTheCodecNamed() throws Exception {
    OutputSpec spec = fairPlay((path, data, type) -> {}).withEncryption(spec(null));
    HlsTsOutput output = new HlsTsOutput(spec, Instant.EPOCH);
    output.onStreamInfo(
        new StreamInfo(
            1,
            0,
            TrackKind.VIDEO,
            Codec.H265,
            "hvc1.1.6.L93.B0",
            90000,
            640,
            360,
            30,
            0,
            0,
            new byte[0],
            0,
            null,
            null));
    assertFirstVideoSampleRefused(output, "H265");

    Path source = TestMedia.hevcVideo();
    OutputSpec real =
        fairPlay(new DirectorySink(TestMedia.scratch("sample-aes-hevc")))
            .withEncryption(spec(null));
    OutputResult result =
        Packager.run(
                new FileSourceLocator(source), "index.m3u8", List.of(real), ProgressListener.NONE)
            .get(0);
    assertFalse(result.succeeded());
    assertTrue(result.error().contains("SAMPLE_AES cannot encrypt the H265"), result.error());
  }

  @Test
  void muxedTracksWithDifferentKeysAreRefused() throws Exception {
    org.openvod.engine.encrypt.ContentKey audioKey =
        org.openvod.engine.encrypt.ContentKey.ofHex(
            "11111111111111111111111111111111", "22222222222222222222222222222222", null);
    org.openvod.engine.encrypt.ProtectionKey videoKey = keys.protectionKey(TestKeys.HLS);
    org.openvod.engine.encrypt.ProtectionKey separateAudio = keys.protectionKey(audioKey);
    KeyAssignment perKind = t -> t.kind() == TrackKind.AUDIO ? separateAudio : videoKey;
    OutputSpec spec =
        fairPlay((path, data, type) -> {})
            .withEncryption(new EncryptionSpec(EncryptionMode.SAMPLE_AES, perKind, null));
    HlsTsOutput output = new HlsTsOutput(spec, Instant.EPOCH);
    output.onStreamInfo(info(1, TrackKind.VIDEO, Codec.H264));
    output.onStreamInfo(info(2, TrackKind.AUDIO, Codec.AAC));
    assertFirstVideoSampleRefused(output, "useAudioRenditionGroup");
  }

  /**
   * {@code output} refuses the first video sample as a configuration error naming {@code cause}.
   */
  private static void assertFirstVideoSampleRefused(HlsTsOutput output, String cause) {
    PackagingException e =
        assertThrows(
            PackagingException.class,
            () ->
                output.onSample(
                    new org.openvod.engine.media.Sample(1, 0, 0, 3000, true, new byte[8])));
    assertEquals(PackagingException.Reason.INVALID_CONFIGURATION, e.reason());
    assertTrue(e.getMessage().contains(cause), e.getMessage());
  }

  /** A muxed HLS-TS output in 6 s segments, for the refusals. */
  private static OutputSpec fairPlay(OutputSink sink) {
    return OutputSpec.of("fairplay", OutputFormat.HLS_TS, 6, sink);
  }

  private static StreamInfo info(int trackId, TrackKind kind, Codec codec) {
    return new StreamInfo(
        trackId,
        0,
        kind,
        codec,
        null,
        90000,
        640,
        360,
        30,
        48000,
        2,
        new byte[] {0x11, (byte) 0x90},
        0,
        null,
        null);
  }

  /** The PMT section of a TS file (the payload of its first packet on PID 0x1000). */
  static byte[] pmt(Path ts) {
    try {
      byte[] data = Files.readAllBytes(ts);
      for (int p = 0; p + 188 <= data.length; p += 188) {
        int pid = ((data[p + 1] & 0x1f) << 8) | (data[p + 2] & 0xff);
        if (pid == 0x1000) {
          return java.util.Arrays.copyOfRange(data, p + 4, p + 188);
        }
      }
      throw new AssertionError(ts + " has no PMT");
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  static boolean contains(byte[] data, String ascii) {
    byte[] needle = ascii.getBytes(StandardCharsets.US_ASCII);
    outer:
    for (int i = 0; i + needle.length <= data.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (data[i + j] != needle[j]) {
          continue outer;
        }
      }
      return true;
    }
    return false;
  }
}
