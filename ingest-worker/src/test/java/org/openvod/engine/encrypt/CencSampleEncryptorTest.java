package org.openvod.engine.encrypt;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openvod.engine.media.Codec;
import org.openvod.engine.testing.Tools;

/**
 * ffmpeg is both the reference encryptor and the player: our CTR transform must decrypt ffmpeg's
 * cenc samples with ffmpeg's IVs and subsample maps, and ffmpeg must decrypt a file whose samples
 * and senc boxes come from our encryptor into exactly the clear frames.
 */
class CencSampleEncryptorTest {

  @TempDir static Path dir;
  private static final ContentKey KEY =
      new ContentKey(
          HlsAes128SegmentEncryptorTest.random(16), HlsAes128SegmentEncryptorTest.random(16), null);
  private static Mp4File clear;
  private static Mp4File ffmpegEncrypted;
  private static String clearFrames;

  @BeforeAll
  static void makeFiles() throws IOException {
    Tools.ffmpegOk(
        dir,
        "-f",
        "lavfi",
        "-i",
        "testsrc=size=320x180:rate=25,noise=alls=20:allf=t",
        "-f",
        "lavfi",
        "-i",
        "sine=frequency=440:sample_rate=48000",
        "-t",
        "2",
        "-c:v",
        "libx264",
        "-g",
        "25",
        "-x264-params",
        "slices=2",
        "-c:a",
        "aac",
        "clear.mp4");
    Tools.ffmpegOk(
        dir,
        "-i",
        "clear.mp4",
        "-map",
        "0",
        "-c",
        "copy",
        "-encryption_scheme",
        "cenc-aes-ctr",
        "-encryption_key",
        HexFormat.of().formatHex(KEY.key()),
        "-encryption_kid",
        HexFormat.of().formatHex(KEY.keyId()),
        "enc.mp4");
    clear = new Mp4File(Files.readAllBytes(dir.resolve("clear.mp4")));
    ffmpegEncrypted = new Mp4File(Files.readAllBytes(dir.resolve("enc.mp4")));
    clearFrames = frames("clear.mp4", null);
    assertEquals(clearFrames, frames("enc.mp4", KEY.key()), "ffmpeg must read its own cenc file");
  }

  @Test
  void ourTransformDecryptsFfmpegsCencSamples() {
    assertEquals(2, ffmpegEncrypted.tracks.size());
    for (int t = 0; t < 2; t++) {
      Mp4File.Track encrypted = ffmpegEncrypted.tracks.get(t);
      Mp4File.Track plain = clear.tracks.get(t);
      assertEquals(plain.sizes().size(), encrypted.senc().size());
      CencCtr ctr = new CencCtr(KEY);
      for (int i = 0; i < plain.sizes().size(); i++) {
        Mp4File.SencEntry entry = encrypted.senc().get(i);
        byte[] sample = ffmpegEncrypted.sample(encrypted, i);
        assertFalse(Arrays.equals(clear.sample(plain, i), sample), "ffmpeg left a sample clear");
        assertArrayEquals(
            clear.sample(plain, i),
            ctr.transform(sample, entry.iv(), entry.subsamples()),
            encrypted.handler() + " sample " + i);
      }
    }
  }

  @Test
  void ffmpegDecryptsOurSamplesIntoTheClearFrames() throws IOException {
    List<List<EncryptedSample>> ours = encryptAll(KEY);
    Files.write(dir.resolve("ours.mp4"), ffmpegEncrypted.rewrite(ours, false));
    assertEquals(clearFrames, frames("ours.mp4", KEY.key()));
    // the same information found through saiz/saio instead of senc
    Files.write(dir.resolve("ours-saio.mp4"), ffmpegEncrypted.rewrite(ours, true));
    assertEquals(clearFrames, frames("ours-saio.mp4", KEY.key()));

    byte[] wrong = KEY.key();
    wrong[5] ^= 0x40;
    Tools.Result result =
        Tools.ffmpeg(
            dir,
            "-decryption_key",
            HexFormat.of().formatHex(wrong),
            "-i",
            "ours.mp4",
            "-map",
            "0",
            "-f",
            "framemd5",
            "-");
    assertTrue(result.exitCode() != 0 || !result.stdout().equals(clearFrames));
  }

  @Test
  void videoKeepsLengthsHeadersAndParameterSetsClear() {
    Mp4File.Track video = track("vide");
    CencSampleEncryptor encryptor = CencSampleEncryptor.video(KEY, Codec.H264, new byte[8]);
    int protectedSamples = 0;
    for (int i = 0; i < video.sizes().size(); i++) {
      byte[] plain = clear.sample(video, i);
      EncryptedSample out = encryptor.encrypt(plain);
      assertEquals(plain.length, out.data().length);
      long covered = 0;
      boolean[] clearByte = new boolean[plain.length];
      for (Subsample s : out.subsamples()) {
        Arrays.fill(clearByte, (int) covered, (int) covered + s.clearBytes(), true);
        covered += s.clearBytes() + s.protectedBytes();
        assertEquals(0, s.protectedBytes() % 16, "protected ranges are whole blocks");
      }
      assertEquals(plain.length, covered);
      for (int b = 0; b < plain.length; b++) {
        if (clearByte[b]) {
          assertEquals(plain[b], out.data()[b], "clear byte " + b + " of sample " + i);
        }
      }
      // every NAL unit's length field, header and the slice's first bytes lie in clear ranges
      int position = 0;
      while (position < plain.length) {
        int nalSize = ByteBuffer.wrap(plain, position, 4).getInt();
        int type = plain[position + 4] & 0x1f;
        int mustBeClear =
            type >= 1 && type <= 5 ? 5 + CencSampleEncryptor.CLEAR_SLICE_LEAD : 4 + nalSize;
        for (int b = position; b < position + Math.min(mustBeClear, 4 + nalSize); b++) {
          assertTrue(clearByte[b], "byte " + b + " of NAL type " + type + " must be clear");
        }
        position += 4 + nalSize;
      }
      if (out.subsamples().stream().anyMatch(s -> s.protectedBytes() > 0)) {
        protectedSamples++;
        assertFalse(Arrays.equals(plain, out.data()));
      }
    }
    assertTrue(protectedSamples > video.sizes().size() / 2, "most samples must be protected");
  }

  @Test
  void eightByteIvsCountSamplesAndSixteenByteIvsCountBlocks() {
    byte[] first = HexFormat.of().parseHex("00000000000000ff");
    CencSampleEncryptor audio = CencSampleEncryptor.audio(KEY, first);
    assertEquals(8, audio.ivSize());
    assertArrayEquals(first, audio.encrypt(new byte[100]).iv());
    assertArrayEquals(HexFormat.of().parseHex("0000000000000100"), audio.encrypt(new byte[5]).iv());

    byte[] first16 = HexFormat.of().parseHex("000000000000000000000000000000fe");
    CencSampleEncryptor wide = CencSampleEncryptor.audio(KEY, first16);
    wide.encrypt(new byte[33]); // three blocks of keystream
    assertArrayEquals(
        HexFormat.of().parseHex("00000000000000000000000000000101"),
        wide.encrypt(new byte[1]).iv());
  }

  @Test
  void longClearRunsAreSplitForTheSixteenBitField() {
    // an SEI of 70000 bytes (clear) then a slice of 200 bytes
    byte[] sei = nal(6, 70_000);
    byte[] slice = nal(1, 200);
    byte[] sample = concat(sei, slice);
    EncryptedSample out = CencSampleEncryptor.video(KEY, Codec.H264, new byte[8]).encrypt(sample);
    long clearSum = out.subsamples().stream().mapToLong(Subsample::clearBytes).sum();
    long protectedSum = out.subsamples().stream().mapToLong(Subsample::protectedBytes).sum();
    assertEquals(sample.length, clearSum + protectedSum);
    assertEquals((200 + 4 - 37) / 16 * 16, protectedSum);
    assertTrue(out.subsamples().size() >= 2);
    assertArrayEquals(sample, new CencCtr(KEY).transform(out.data(), out.iv(), out.subsamples()));
  }

  @Test
  void malformedSamplesAreRefused() {
    CencSampleEncryptor video = CencSampleEncryptor.video(KEY, Codec.H264, new byte[8]);
    byte[] truncated = Arrays.copyOf(nal(1, 100), 60);
    assertTrue(
        assertThrows(IllegalArgumentException.class, () -> video.encrypt(truncated))
            .getMessage()
            .contains("past the sample end"));
    assertThrows(
        IllegalArgumentException.class,
        () -> CencSampleEncryptor.video(KEY, Codec.AAC, new byte[8]));
    assertThrows(IllegalArgumentException.class, () -> CencSampleEncryptor.audio(KEY, new byte[7]));
  }

  private static List<List<EncryptedSample>> encryptAll(ContentKey key) {
    List<List<EncryptedSample>> out = new ArrayList<>();
    for (Mp4File.Track track : clear.tracks) {
      byte[] firstIv = HlsAes128SegmentEncryptorTest.random(8);
      CencSampleEncryptor encryptor =
          track.handler().equals("vide")
              ? CencSampleEncryptor.video(key, Codec.H264, firstIv)
              : CencSampleEncryptor.audio(key, firstIv);
      List<EncryptedSample> samples = new ArrayList<>();
      for (int i = 0; i < track.sizes().size(); i++) {
        samples.add(encryptor.encrypt(clear.sample(track, i)));
      }
      out.add(samples);
    }
    return out;
  }

  private static Mp4File.Track track(String handler) {
    return clear.tracks.stream().filter(t -> t.handler().equals(handler)).findFirst().orElseThrow();
  }

  private static byte[] nal(int type, int size) {
    byte[] out = HlsAes128SegmentEncryptorTest.random(4 + size);
    ByteBuffer.wrap(out).putInt(size);
    out[4] = (byte) (0x60 | type);
    return out;
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] out = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }

  private static String frames(String file, byte[] key) {
    List<String> args = new ArrayList<>();
    if (key != null) {
      args.addAll(List.of("-decryption_key", HexFormat.of().formatHex(key)));
    }
    args.addAll(List.of("-i", file, "-map", "0", "-f", "framemd5", "-"));
    return Tools.ffmpegOk(dir, args.toArray(String[]::new)).stdout();
  }
}
