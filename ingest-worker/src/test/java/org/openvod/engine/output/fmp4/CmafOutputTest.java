package org.openvod.engine.output.fmp4;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openvod.engine.media.PackagingException;
import org.openvod.engine.output.ManifestSpec;
import org.openvod.engine.output.OutputFormat;
import org.openvod.engine.source.mp4.Mp4TestMedia;

class CmafOutputTest {

  static final double FRAME = 1 / 30.0;
  static FileSink sink;

  static ManifestSpec lowOnly() {
    return new ManifestSpec("low", false, 0, "NONE", 0, 300_000, "ORIGINAL", "FULL", 0, "NONE");
  }

  static ManifestSpec withIframes() {
    return new ManifestSpec(
        "index",
        true,
        0,
        "NONE",
        0,
        Integer.MAX_VALUE,
        "VIDEO_BITRATE_ASCENDING",
        "FULL",
        0,
        "NONE");
  }

  static FileSink packageAbr(String name, boolean inBand) throws Exception {
    FileSink out = new FileSink(OutputTesting.folder(name));
    var spec =
        OutputTesting.spec(
            OutputFormat.CMAF, 2, List.of(withIframes(), lowOnly()), inBand, false, null, out);
    OutputTesting.packageSmil(Mp4TestMedia.abr(), "abr.smil", 2, new CmafOutput(spec));
    return out;
  }

  @BeforeAll
  static void packageOnce() throws Exception {
    sink = packageAbr("cmaf", false);
  }

  @Test
  void ffmpegReadsTheMultivariantPlaylistWithEveryStream() throws Exception {
    Path master = sink.folder.resolve("index.m3u8");
    OutputTesting.assertFfmpegReads(master);
    List<String> streams = OutputTesting.ffprobeStreams(master, "codec_name,width,height");
    // ffmpeg lists the I-frame variants too: count distinct renditions
    assertEquals(
        List.of("h264,320,180", "h264,480,270", "h264,640,360"),
        streams.stream().filter(s -> s.startsWith("h264")).distinct().sorted().toList());
    assertTrue(streams.stream().anyMatch(s -> s.startsWith("aac")), streams.toString());
    assertEquals(Mp4TestMedia.DURATION, OutputTesting.ffprobeDuration(master), FRAME);
  }

  @Test
  void everyVideoPlaylistHoldsAllFramesOfItsRendition() throws Exception {
    for (int id : new int[] {1, 3, 4}) {
      Path playlist = sink.folder.resolve("video_" + id + "/index.m3u8");
      OutputTesting.assertFfmpegReads(playlist);
      int[] packets = OutputTesting.videoPackets(playlist);
      assertEquals(360, packets[0], "frames of video_" + id);
      assertEquals(6, packets[1], "key frames of video_" + id);
      assertEquals(Mp4TestMedia.DURATION, OutputTesting.ffprobeDuration(playlist), FRAME);
    }
    Path audio = sink.folder.resolve("audio_2/index.m3u8");
    OutputTesting.assertFfmpegReads(audio);
    assertEquals(Mp4TestMedia.DURATION, OutputTesting.ffprobeDuration(audio), 0.05);
  }

  @Test
  void multivariantPlaylistDescribesEachVariant() throws Exception {
    String master = sink.text("index.m3u8");
    assertTrue(master.startsWith("#EXTM3U\n#EXT-X-VERSION:6\n"), master);
    assertTrue(
        master.contains(
            "#EXT-X-MEDIA:TYPE=AUDIO,GROUP-ID=\"audio\",LANGUAGE=\"eng\",NAME=\"English\","
                + "AUTOSELECT=YES,DEFAULT=YES,CHANNELS=\"2\",URI=\"audio_2/index.m3u8\""),
        master);
    Matcher m =
        Pattern.compile(
                "#EXT-X-STREAM-INF:BANDWIDTH=(\\d+),AVERAGE-BANDWIDTH=(\\d+),"
                    + "CODECS=\"avc1\\.4d40(..),mp4a\\.40\\.2\",RESOLUTION=(\\d+)x(\\d+),"
                    + "FRAME-RATE=30\\.000,AUDIO=\"audio\"\\n(video_\\d/index\\.m3u8)\\n")
            .matcher(master);
    List<String> uris = new ArrayList<>();
    long previous = 0;
    while (m.find()) {
      long peak = Long.parseLong(m.group(1));
      long average = Long.parseLong(m.group(2));
      assertTrue(peak >= average && average > 100_000, m.group());
      assertTrue(average > previous, "ascending bitrate order");
      previous = average;
      uris.add(m.group(6));
    }
    assertEquals(List.of("video_4/index.m3u8", "video_3/index.m3u8", "video_1/index.m3u8"), uris);
    assertEquals(3, count(master, "#EXT-X-I-FRAME-STREAM-INF:"), master);
    assertTrue(master.contains(",URI=\"video_1/index_iframes.m3u8\""), master);

    String low = sink.text("low.m3u8");
    assertEquals(1, count(low, "#EXT-X-STREAM-INF"), low);
    assertTrue(low.contains("video_4/low.m3u8") && !low.contains("I-FRAME"), low);
    OutputTesting.assertFfmpegReads(sink.folder.resolve("low.m3u8"));
  }

  @Test
  void mediaPlaylistsHaveMapTargetDurationAndRealDurations() throws Exception {
    String media = sink.text("video_1/index.m3u8");
    assertTrue(media.contains("#EXT-X-VERSION:6\n#EXT-X-TARGETDURATION:2\n"), media);
    assertTrue(media.contains("#EXT-X-MAP:URI=\"init.mp4\"\n"), media);
    assertTrue(media.endsWith("#EXT-X-ENDLIST\n"), media);
    double sum = 0;
    Matcher m = Pattern.compile("#EXTINF:([0-9.]+),\\n(segment_\\d+\\.m4s)").matcher(media);
    int n = 0;
    while (m.find()) {
      sum += Double.parseDouble(m.group(1));
      assertEquals(2.0, Double.parseDouble(m.group(1)), 1e-6);
      n++;
    }
    assertEquals(6, n);
    assertEquals(12.0, sum, 1e-6);
    String audio = sink.text("audio_2/index.m3u8");
    Matcher a = Pattern.compile("#EXTINF:([0-9.]+),").matcher(audio);
    double audioSum = 0;
    while (a.find()) {
      audioSum += Double.parseDouble(a.group(1));
    }
    assertEquals(12.0, audioSum, 0.03);
    String iframes = sink.text("video_1/index_iframes.m3u8");
    assertTrue(iframes.contains("#EXT-X-I-FRAMES-ONLY\n#EXT-X-MAP:URI=\"init.mp4\"\n"), iframes);
    Path iframePlaylist = sink.folder.resolve("video_1/index_iframes.m3u8");
    OutputTesting.assertFfmpegReads(iframePlaylist);
    int[] packets = OutputTesting.videoPackets(iframePlaylist);
    assertEquals(6, packets[0]);
    assertEquals(6, packets[1]);
  }

  @Test
  void segmentsComeBeforeThePlaylistsThatNameThemAndParentsLast() throws Exception {
    for (String path : sink.order) {
      if (!path.endsWith(".m3u8")) {
        continue;
      }
      String dir = path.contains("/") ? path.substring(0, path.lastIndexOf('/') + 1) : "";
      for (String line : sink.text(path).split("\n")) {
        String uri = line.startsWith("#") ? attribute(line, "URI") : line;
        if (uri != null && !uri.isBlank()) {
          int named = sink.indexOf(dir + uri);
          assertTrue(named >= 0 && named < sink.indexOf(path), path + " names " + uri + " early");
        }
      }
    }
    int lastMaster = Math.max(sink.indexOf("index.m3u8"), sink.indexOf("low.m3u8"));
    assertEquals(sink.order.size() - 1, lastMaster);
    assertEquals("video/iso.segment", sink.types.get("video_1/segment_1.m4s"));
    assertEquals("application/vnd.apple.mpegurl", sink.types.get("index.m3u8"));
  }

  @Test
  void sameInputGivesTheSameBytes() throws Exception {
    FileSink again = packageAbr("cmaf-again", false);
    Map<String, byte[]> first = sink.contents();
    Map<String, byte[]> second = again.contents();
    assertEquals(first.keySet(), second.keySet());
    for (String path : first.keySet()) {
      assertArrayEquals(first.get(path), second.get(path), path);
    }
  }

  @Test
  void encoderConfigurationInSegmentsUsesAvc3AndInBandParameterSets() throws Exception {
    FileSink inBand = packageAbr("cmaf-inband", true);
    String master = inBand.text("index.m3u8");
    assertTrue(master.contains("CODECS=\"avc3.4d40"), master);
    Path playlist = inBand.folder.resolve("video_1/index.m3u8");
    OutputTesting.assertFfmpegReads(playlist);
    assertEquals(360, OutputTesting.videoPackets(playlist)[0]);
    byte[] init = java.nio.file.Files.readAllBytes(inBand.folder.resolve("video_1/init.mp4"));
    assertTrue(new String(init, java.nio.charset.StandardCharsets.ISO_8859_1).contains("avc3"));
    byte[] segment =
        java.nio.file.Files.readAllBytes(inBand.folder.resolve("video_1/segment_2.m4s"));
    byte[] plain = java.nio.file.Files.readAllBytes(sink.folder.resolve("video_1/segment_2.m4s"));
    assertTrue(segment.length > plain.length, "parameter sets add bytes");
  }

  @Test
  void selectionThatLeavesNoVideoFailsTheOutput() throws Exception {
    FileSink out = new FileSink(OutputTesting.folder("cmaf-none"));
    ManifestSpec none =
        new ManifestSpec(
            "none", false, 0, "NONE", 50_000_000, 60_000_000, "ORIGINAL", "FULL", 0, "NONE");
    var spec = OutputTesting.spec(OutputFormat.CMAF, 4, List.of(none), false, false, null, out);
    PackagingException e =
        assertThrows(
            PackagingException.class,
            () ->
                OutputTesting.packageSmil(Mp4TestMedia.abr(), "abr.smil", 4, new CmafOutput(spec)));
    assertEquals(PackagingException.Reason.INVALID_CONFIGURATION, e.reason());
    assertTrue(e.getMessage().contains("none"), e.getMessage());
  }

  @Test
  void programDateTimeFollowsTheManifestInterval() throws Exception {
    FileSink out = new FileSink(OutputTesting.folder("cmaf-pdt"));
    ManifestSpec pdt =
        new ManifestSpec(
            "pdt", false, 4, "NONE", 0, Integer.MAX_VALUE, "ORIGINAL", "FULL", 0, "NONE");
    var spec = OutputTesting.spec(OutputFormat.CMAF, 2, List.of(pdt), false, false, null, out);
    OutputTesting.packageSmil(
        Mp4TestMedia.abr(),
        "abr.smil",
        2,
        new CmafOutput(spec, java.time.Instant.parse("2026-12-01T10:00:00Z")));
    String media = out.text("video_1/pdt.m3u8");
    List<String> stamps = new ArrayList<>();
    Matcher m = Pattern.compile("#EXT-X-PROGRAM-DATE-TIME:(\\S+)").matcher(media);
    while (m.find()) {
      stamps.add(m.group(1));
    }
    assertEquals(
        List.of("2026-12-01T10:00:00.000Z", "2026-12-01T10:00:04.000Z", "2026-12-01T10:00:08.000Z"),
        stamps,
        media);
    OutputTesting.assertFfmpegReads(out.folder.resolve("pdt.m3u8"));
  }

  static int count(String text, String what) {
    return text.split(Pattern.quote(what), -1).length - 1;
  }

  static String attribute(String line, String name) {
    Matcher m = Pattern.compile(name + "=\"([^\"]*)\"").matcher(line);
    return m.find() ? m.group(1) : null;
  }
}
