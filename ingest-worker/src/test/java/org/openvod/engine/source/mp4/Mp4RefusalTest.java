package org.openvod.engine.source.mp4;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openvod.engine.media.PackagingException;
import org.openvod.engine.media.PackagingException.Reason;
import org.openvod.engine.source.smil.SmilDemuxer;

class Mp4RefusalTest {

  static byte[] abr(int i) throws Exception {
    return Files.readAllBytes(Mp4TestMedia.abr().resolve(Mp4TestMedia.ABR[i]));
  }

  static PackagingException refused(org.openvod.engine.source.SourceLocator locator, String smil) {
    return assertTimeoutPreemptively(
        Duration.ofSeconds(30),
        () ->
            assertThrows(
                PackagingException.class,
                () -> new SmilDemuxer(locator, smil).run(new CollectingHandler(), f -> {})));
  }

  static MapLocator one(byte[] mp4) {
    return new MapLocator()
        .put("x.smil", "<smil><body><video src=\"a.mp4\"/></body></smil>")
        .put("a.mp4", mp4);
  }

  /** Offset and size of the top-level moov box. */
  static int[] moov(byte[] file) {
    int p = 0;
    while (p + 8 <= file.length) {
      int size = java.nio.ByteBuffer.wrap(file, p, 4).getInt();
      String type = new String(file, p + 4, 4, java.nio.charset.StandardCharsets.ISO_8859_1);
      if (type.equals("moov")) {
        return new int[] {p, size};
      }
      p += size;
    }
    throw new AssertionError("no moov");
  }

  @Test
  void encryptedSourceIsRefused() throws Exception {
    PackagingException e =
        refused(new Mp4TestMedia.FolderLocator(Mp4TestMedia.encrypted()), "enc.smil");
    assertEquals(Reason.ENCRYPTED_SOURCE, e.reason());
    assertTrue(e.getMessage().contains("enc.mp4"), e.getMessage());
  }

  @Test
  void audioOnlySourceIsRefused() throws Exception {
    byte[] audio = Files.readAllBytes(Mp4TestMedia.split().resolve("audio.mp4"));
    PackagingException e = refused(one(audio), "x.smil");
    assertEquals(Reason.UNSUPPORTED_CONTENT, e.reason());
    assertTrue(e.getMessage().contains("no video"), e.getMessage());
  }

  @Test
  void missingFileIsRefused() {
    MapLocator locator =
        new MapLocator().put("x.smil", "<smil><body><video src=\"nope.mp4\"/></body></smil>");
    assertEquals(Reason.MISSING_SOURCE, refused(locator, "x.smil").reason());
    assertEquals(Reason.MISSING_SOURCE, refused(locator, "missing.smil").reason());
  }

  @Test
  void moreThanTwentyStreamsAreRefused() throws Exception {
    StringBuilder smil = new StringBuilder("<smil><body><switch>");
    for (int i = 0; i < 11; i++) {
      smil.append("<video src=\"a.mp4\"/>");
    }
    smil.append("</switch></body></smil>");
    MapLocator locator = new MapLocator().put("x.smil", smil.toString()).put("a.mp4", abr(0));
    PackagingException e = refused(locator, "x.smil");
    assertEquals(Reason.TOO_MANY_STREAMS, e.reason());
    assertTrue(e.getMessage().contains("22"), e.getMessage());
  }

  @Test
  void truncatedMediaDataIsRefused() throws Exception {
    byte[] file = abr(0); // moov first
    PackagingException e = refused(one(Arrays.copyOf(file, file.length * 2 / 3)), "x.smil");
    assertEquals(Reason.MALFORMED_SOURCE, e.reason());
    assertTrue(e.getMessage().contains("a.mp4"), e.getMessage());
  }

  @Test
  void truncatedMoovIsRefused() throws Exception {
    byte[] file = abr(1); // moov last
    int[] moov = moov(file);
    assertTrue(moov[0] > file.length / 2, "fixture has its moov at the end");
    PackagingException e = refused(one(Arrays.copyOf(file, moov[0] + moov[1] / 2)), "x.smil");
    assertEquals(Reason.MALFORMED_SOURCE, e.reason());
    assertTrue(e.getMessage().contains("moov"), e.getMessage());
  }

  @Test
  void notAnMp4IsRefused() {
    byte[] text = "this is not an mp4 file at all, just some text".getBytes();
    assertEquals(Reason.MALFORMED_SOURCE, refused(one(text), "x.smil").reason());
    assertEquals(Reason.MALFORMED_SOURCE, refused(one(new byte[0]), "x.smil").reason());
  }

  @Test
  void fragmentedAndUnsupportedCodecsAreRefused() throws Exception {
    Path dir = Files.createDirectories(Mp4TestMedia.buildDir().resolve("mp4-media/refused"));
    Path fragmented = dir.resolve("fragmented.mp4");
    Path mp3 = dir.resolve("mp3.mp4");
    if (!Files.exists(mp3)) {
      Path source = Mp4TestMedia.abr().resolve(Mp4TestMedia.ABR[2]);
      Mp4TestMedia.ffmpeg(
          List.of(
              "-i",
              source.toString(),
              "-t",
              "2",
              "-c",
              "copy",
              "-movflags",
              "frag_keyframe+empty_moov",
              fragmented.toString()));
      Mp4TestMedia.ffmpeg(
          List.of(
              "-i",
              source.toString(),
              "-t",
              "2",
              "-c:v",
              "copy",
              "-c:a",
              "libmp3lame",
              mp3.toString()));
    }
    PackagingException f = refused(one(Files.readAllBytes(fragmented)), "x.smil");
    assertEquals(Reason.UNSUPPORTED_CONTENT, f.reason());
    assertTrue(f.getMessage().contains("fragmented"), f.getMessage());
    PackagingException m = refused(one(Files.readAllBytes(mp3)), "x.smil");
    assertEquals(Reason.UNSUPPORTED_CONTENT, m.reason());
    assertTrue(m.getMessage().contains("not AAC"), m.getMessage());
  }

  @Test
  void twoByteNalLengthsBecomeFourByteLengths() throws Exception {
    byte[] two = {0, 3, 0x65, 1, 2, 0, 2, 0x41, 9};
    byte[] four = {0, 0, 0, 3, 0x65, 1, 2, 0, 0, 0, 2, 0x41, 9};
    assertArrayEquals(four, NalLengths.toFourByteLengths(two, 2, "t"));
    byte[] broken = {0, 9, 0x65, 1};
    PackagingException e =
        assertThrows(PackagingException.class, () -> NalLengths.toFourByteLengths(broken, 2, "t"));
    assertEquals(Reason.MALFORMED_SOURCE, e.reason());
    byte[] record = {
      1, 0x4d, 0x40, 0x1e, (byte) 0xFD, (byte) 0xE1, 0, 2, 0x67, 1, 1, 0, 2, 0x68, 1
    };
    AvcDecoderConfig config = AvcDecoderConfig.parse(record, "t");
    assertEquals(2, config.nalLengthSize());
    assertEquals("avc1.4d401e", config.codecString("avc1"));
    assertEquals(4, AvcDecoderConfig.parse(config.withFourByteLengths(), "t").nalLengthSize());
  }
}
