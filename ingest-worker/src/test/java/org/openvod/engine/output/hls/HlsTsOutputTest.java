package org.openvod.engine.output.hls;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openvod.engine.Packager;
import org.openvod.engine.output.ManifestSpec;
import org.openvod.engine.output.OutputFormat;
import org.openvod.engine.output.OutputResult;
import org.openvod.engine.output.OutputSpec;
import org.openvod.engine.pipeline.ProgressListener;
import org.openvod.engine.source.FileSourceLocator;
import org.openvod.engine.testing.DirectorySink;
import org.openvod.engine.testing.Playlists;
import org.openvod.engine.testing.TestMedia;
import org.openvod.engine.testing.Tools;

/** HLS-TS outputs of real ffmpeg-made sources, checked with ffmpeg and ffprobe. */
class HlsTsOutputTest {

  private static final double FRAME = 1.0 / TestMedia.FRAME_RATE;

  private static Path source;
  private static DirectorySink muxed;

  static OutputSpec hls(
      String id, int seconds, boolean audioGroup, DirectorySink sink, ManifestSpec... manifests) {
    return OutputSpec.of(id, OutputFormat.HLS_TS, seconds, sink)
        .withManifests(List.of(manifests))
        .withAudioRenditionGroup(audioGroup);
  }

  static DirectorySink run(
      Path source, String root, String name, boolean audioGroup, ManifestSpec... manifests)
      throws Exception {
    DirectorySink sink = new DirectorySink(TestMedia.scratch(name));
    List<OutputResult> results =
        Packager.run(
            new FileSourceLocator(source),
            root,
            List.of(hls(name, 6, audioGroup, sink, manifests)),
            ProgressListener.NONE,
            Instant.parse("2026-01-01T00:00:00Z"));
    assertTrue(results.get(0).succeeded(), String.valueOf(results.get(0).error()));
    return sink;
  }

  @BeforeAll
  static void packageOnce() throws Exception {
    source = TestMedia.threeRenditions();
    muxed = run(source, TestMedia.MASTER, "muxed", false, ManifestSpec.named("index"));
  }

  private static String text(DirectorySink sink, String path) {
    return TestMedia.read(sink.root().resolve(path));
  }

  @Test
  void readsBackWithFfmpegWithoutAnyMessage() throws IOException {
    // the writer fills arrays of TsSegmentWriter.CHUNK bytes: these segments take several each
    long largest;
    try (var files = java.nio.file.Files.walk(muxed.root())) {
      largest =
          files
              .filter(p -> p.toString().endsWith(".ts"))
              .mapToLong(p -> p.toFile().length())
              .max()
              .orElse(0);
    }
    assertTrue(largest > 2L * TsSegmentWriter.CHUNK, "largest segment: " + largest + " bytes");
    Tools.Result read = Tools.readBack(muxed.root(), "index.m3u8");
    assertEquals(0, read.exitCode(), read.stderr());
    assertEquals("", read.stderr());
  }

  @Test
  void streamsAndDurationMatchTheSource() {
    assertEquals(
        Tools.streams(source, TestMedia.MASTER), Tools.streams(muxed.root(), "index.m3u8"));
    double expected = Tools.duration(source, TestMedia.MASTER);
    assertEquals(expected, Tools.duration(muxed.root(), "index.m3u8"), FRAME);
  }

  @Test
  void everySampleKeepsItsTimesAndKeyFlag() {
    for (int v = 0; v < 3; v++) {
      List<Tools.Packet> in = Tools.packets(source, "v" + v + "/index.m3u8");
      List<Tools.Packet> out = Tools.packets(muxed.root(), "index_v" + v + ".m3u8");
      assertTrue(sorted(in, 0).equals(sorted(out, 0)), "video of variant " + v + " differs");
      assertTrue(sorted(in, 1).equals(sorted(out, 1)), "audio of variant " + v + " differs");
      assertEquals(360, sorted(out, 0).size());
    }
  }

  private static List<Tools.Packet> sorted(List<Tools.Packet> packets, int stream) {
    return packets.stream().filter(p -> p.streamIndex() == stream).toList();
  }

  @Test
  void segmentsStartOnKeyFramesAtTheSameTimesInEveryVariant() {
    List<List<Long>> starts = new ArrayList<>();
    for (int v = 0; v < 3; v++) {
      String media = text(muxed, "index_v" + v + ".m3u8");
      List<Playlists.Entry> entries = Playlists.entries(media);
      double sum = entries.stream().mapToDouble(Playlists.Entry::duration).sum();
      assertEquals(TestMedia.DURATION_SECONDS, sum, FRAME, "EXTINF sum of variant " + v);
      assertEquals(2, entries.size(), "12 s in 6 s segments");
      List<Long> variantStarts = new ArrayList<>();
      for (Playlists.Entry entry : entries) {
        List<Tools.Packet> packets = Tools.packets(muxed.root(), entry.uri());
        Tools.Packet first = packets.stream().filter(p -> p.streamIndex() == 0).findFirst().get();
        assertTrue(first.keyframe(), entry.uri() + " starts with a non-key frame");
        long minPts =
            packets.stream()
                .filter(p -> p.streamIndex() == 0)
                .mapToLong(Tools.Packet::pts)
                .min()
                .getAsLong();
        assertEquals(first.pts(), minPts, entry.uri() + ": a frame shows before the key frame");
        variantStarts.add(first.pts());
      }
      starts.add(variantStarts);
    }
    assertEquals(starts.get(0), starts.get(1));
    assertEquals(starts.get(0), starts.get(2));
  }

  @Test
  void multivariantSaysCodecsResolutionAndBandwidth() throws IOException {
    String master = text(muxed, "index.m3u8");
    String sourceMaster = TestMedia.read(source.resolve(TestMedia.MASTER));
    List<String> sourceInfs = Playlists.tags(sourceMaster, "#EXT-X-STREAM-INF");
    List<String> infs = Playlists.tags(master, "#EXT-X-STREAM-INF");
    assertEquals(3, infs.size());
    for (int v = 0; v < 3; v++) {
      Map<String, String> ours = Playlists.attributes(infs.get(v));
      Map<String, String> theirs = Playlists.attributes(sourceInfs.get(v));
      assertEquals(theirs.get("CODECS"), ours.get("CODECS"));
      assertEquals(
          TestMedia.RENDITIONS[v][0] + "x" + TestMedia.RENDITIONS[v][1], ours.get("RESOLUTION"));
      assertEquals("30.000", ours.get("FRAME-RATE"));
      // BANDWIDTH: the peak segment bit rate; AVERAGE-BANDWIDTH: over the whole variant
      String media = text(muxed, Playlists.variantUris(master).get(v));
      double peak = 0;
      double bits = 0;
      double seconds = 0;
      for (Playlists.Entry e : Playlists.entries(media)) {
        long size = Files.size(muxed.root().resolve(e.uri()));
        peak = Math.max(peak, size * 8 / e.duration());
        bits += size * 8;
        seconds += e.duration();
      }
      assertEquals(peak, Long.parseLong(ours.get("BANDWIDTH")), peak * 0.001);
      assertEquals(
          bits / seconds, Long.parseLong(ours.get("AVERAGE-BANDWIDTH")), bits / seconds * 0.001);
    }
    String media = text(muxed, "index_v0.m3u8");
    double longest =
        Playlists.entries(media).stream()
            .mapToDouble(Playlists.Entry::duration)
            .max()
            .getAsDouble();
    assertEquals(
        "#EXT-X-TARGETDURATION:" + (long) Math.ceil(longest),
        Playlists.tags(media, "#EXT-X-TARGETDURATION").get(0));
    assertTrue(media.contains("#EXT-X-PLAYLIST-TYPE:VOD\n"));
    assertTrue(media.endsWith("#EXT-X-ENDLIST\n"));
  }

  @Test
  void segmentsGoOutBeforePlaylistsAndTheMultivariantLast() {
    List<String> order = muxed.order();
    int lastSegment = -1;
    int firstPlaylist = Integer.MAX_VALUE;
    for (int i = 0; i < order.size(); i++) {
      if (order.get(i).endsWith(".ts")) {
        lastSegment = i;
      } else {
        firstPlaylist = Math.min(firstPlaylist, i);
      }
    }
    assertTrue(lastSegment < firstPlaylist, order.toString());
    assertEquals("index.m3u8", order.get(order.size() - 1));
    assertEquals(6 + 4, order.size());
  }

  @Test
  void twoRunsWriteTheSameBytes() throws Exception {
    DirectorySink again =
        run(source, TestMedia.MASTER, "muxed-again", false, ManifestSpec.named("index"));
    assertEquals(muxed.order(), again.order());
    for (String path : muxed.order()) {
      assertArrayEquals(
          Files.readAllBytes(muxed.root().resolve(path)),
          Files.readAllBytes(again.root().resolve(path)),
          path);
    }
  }

  @Test
  void audioRenditionGroupFromASeparateAudioSource() throws Exception {
    Path separate = TestMedia.separateAudio();
    DirectorySink sink =
        run(separate, TestMedia.MASTER, "audio-group", true, ManifestSpec.named("index"));
    Tools.Result read = Tools.readBack(sink.root(), "index.m3u8");
    assertEquals(0, read.exitCode(), read.stderr());
    assertEquals("", read.stderr());
    String master = text(sink, "index.m3u8");
    List<String> media = Playlists.tags(master, "#EXT-X-MEDIA:");
    assertEquals(1, media.size(), master);
    Map<String, String> audio = Playlists.attributes(media.get(0));
    assertEquals("AUDIO", audio.get("TYPE"));
    assertEquals("English", audio.get("NAME"));
    assertEquals("en", audio.get("LANGUAGE"));
    assertEquals("YES", audio.get("DEFAULT"));
    assertEquals("2", audio.get("CHANNELS"));
    for (String inf : Playlists.tags(master, "#EXT-X-STREAM-INF")) {
      Map<String, String> a = Playlists.attributes(inf);
      assertEquals(audio.get("GROUP-ID"), a.get("AUDIO"));
      assertTrue(a.get("CODECS").endsWith(",mp4a.40.2"), a.get("CODECS"));
    }
    // the variants are video only, the rendition audio only
    List<String> variantStreams = Tools.streams(sink.root(), "index_v0.m3u8");
    assertTrue(variantStreams.contains("h264,640,360"), variantStreams.toString());
    assertTrue(
        variantStreams.stream().noneMatch(x -> x.startsWith("aac")), variantStreams.toString());
    // ffmpeg's HLS reader mistimes the first frames of audio-only TS, so both sides are read per
    // file
    List<Tools.Packet> audioIn = Tools.segmentPackets(separate, "vEnglish/index.m3u8");
    List<Tools.Packet> audioOut = Tools.segmentPackets(sink.root(), audio.get("URI"));
    assertTrue(audioIn.size() >= 562, "12 s of 1024-sample frames at 48 kHz");
    assertTrue(audioIn.equals(audioOut), "audio rendition samples differ from the source");
  }

  @Test
  void muxedSourceAudioBecomesOneRenditionOfTheGroup() throws Exception {
    DirectorySink sink =
        run(source, TestMedia.MASTER, "muxed-to-group", true, ManifestSpec.named("index"));
    Tools.Result read = Tools.readBack(sink.root(), "index.m3u8");
    assertEquals(0, read.exitCode(), read.stderr());
    assertEquals("", read.stderr());
    String master = text(sink, "index.m3u8");
    // the three variants carried the same audio: it is offered once
    List<String> media = Playlists.tags(master, "#EXT-X-MEDIA:");
    assertEquals(1, media.size(), master);
    String uri = Playlists.attributes(media.get(0)).get("URI");
    List<Tools.Packet> audioIn =
        Tools.packets(source, "v0/index.m3u8").stream().filter(p -> p.streamIndex() == 1).toList();
    List<Long> in = audioIn.stream().map(Tools.Packet::pts).toList();
    List<Long> out =
        Tools.segmentPackets(sink.root(), uri).stream().map(Tools.Packet::pts).toList();
    assertTrue(in.equals(out), "audio rendition differs from the source's audio");
  }

  @Test
  void separateAudioIsMuxedIntoEachVariantWithoutAGroup() throws Exception {
    Path separate = TestMedia.separateAudio();
    DirectorySink sink =
        run(separate, TestMedia.MASTER, "audio-muxed", false, ManifestSpec.named("index"));
    Tools.Result read = Tools.readBack(sink.root(), "index.m3u8");
    assertEquals(0, read.exitCode(), read.stderr());
    assertEquals("", read.stderr());
    String master = text(sink, "index.m3u8");
    assertTrue(Playlists.tags(master, "#EXT-X-MEDIA").isEmpty());
    List<Tools.Packet> audioIn = Tools.segmentPackets(separate, "vEnglish/index.m3u8");
    for (String uri : Playlists.variantUris(master)) {
      List<Tools.Packet> out = Tools.packets(sink.root(), uri);
      assertTrue(
          audioIn.stream()
              .map(p -> p.pts())
              .toList()
              .equals(out.stream().filter(p -> p.streamIndex() == 1).map(p -> p.pts()).toList()),
          "audio muxed into " + uri + " differs from the source rendition");
    }
  }

  @Test
  void videoOnlyRenditionsBorrowTheSourcesAudio() throws Exception {
    Path partial = TestMedia.audioInFirstOnly();
    DirectorySink sink =
        run(partial, TestMedia.MASTER, "borrowed-audio", false, ManifestSpec.named("index"));
    Tools.Result read = Tools.readBack(sink.root(), "index.m3u8");
    assertEquals(0, read.exitCode(), read.stderr());
    assertEquals("", read.stderr());
    List<Long> audioIn =
        Tools.packets(partial, "v0/index.m3u8").stream()
            .filter(p -> p.streamIndex() == 1)
            .map(Tools.Packet::pts)
            .toList();
    assertTrue(audioIn.size() >= 562);
    String master = text(sink, "index.m3u8");
    for (String inf : Playlists.tags(master, "#EXT-X-STREAM-INF")) {
      assertTrue(Playlists.attributes(inf).get("CODECS").endsWith(",mp4a.40.2"), inf);
    }
    for (String uri : Playlists.variantUris(master)) {
      List<Long> audioOut =
          Tools.packets(sink.root(), uri).stream()
              .filter(p -> p.streamIndex() == 1)
              .map(Tools.Packet::pts)
              .toList();
      assertTrue(audioIn.equals(audioOut), "audio of " + uri + " differs from the source's");
    }
  }

  @Test
  void webvttSubtitlesPassThrough() throws Exception {
    Path subtitled = TestMedia.withSubtitles();
    DirectorySink sink =
        run(subtitled, TestMedia.MASTER, "subtitles", false, ManifestSpec.named("index"));
    Tools.Result read = Tools.readBack(sink.root(), "index.m3u8");
    assertEquals(0, read.exitCode(), read.stderr());
    assertEquals("", read.stderr());
    String master = text(sink, "index.m3u8");
    List<String> media = Playlists.tags(master, "#EXT-X-MEDIA:");
    assertEquals(1, media.size(), master);
    Map<String, String> subs = Playlists.attributes(media.get(0));
    assertEquals("SUBTITLES", subs.get("TYPE"));
    assertEquals("en", subs.get("LANGUAGE"));
    Map<String, String> inf =
        Playlists.attributes(Playlists.tags(master, "#EXT-X-STREAM-INF").get(0));
    assertEquals(subs.get("GROUP-ID"), inf.get("SUBTITLES"));
    List<Playlists.Entry> in =
        Playlists.entries(TestMedia.read(subtitled.resolve("v0/index_vtt.m3u8")));
    List<Playlists.Entry> out = Playlists.entries(text(sink, subs.get("URI")));
    assertEquals(3, in.size());
    assertEquals(in.size(), out.size());
    for (int i = 0; i < in.size(); i++) {
      assertEquals(in.get(i).duration(), out.get(i).duration(), 0.0005);
      assertArrayEquals(
          Files.readAllBytes(subtitled.resolve("v0").resolve(in.get(i).uri())),
          Files.readAllBytes(sink.root().resolve(out.get(i).uri())),
          out.get(i).uri());
    }
    assertEquals(
        Tools.streams(subtitled, TestMedia.MASTER), Tools.streams(sink.root(), "index.m3u8"));
  }

  @Test
  void iframePlaylistsPointAtEveryKeyFrame() throws Exception {
    ManifestSpec withIframes =
        new ManifestSpec(
            "trick", true, 0, "NONE", 0, Integer.MAX_VALUE, "ORIGINAL", "FULL", 0, "NONE");
    DirectorySink sink = run(source, TestMedia.MASTER, "iframes", false, withIframes);
    String master = text(sink, "trick.m3u8");
    List<String> iframeInfs = Playlists.tags(master, "#EXT-X-I-FRAME-STREAM-INF");
    assertEquals(3, iframeInfs.size());
    Map<String, String> first = Playlists.attributes(iframeInfs.get(0));
    assertEquals("640x360", first.get("RESOLUTION"));
    assertEquals("avc1.4d401e", first.get("CODECS"));
    assertTrue(Long.parseLong(first.get("BANDWIDTH")) > 0);
    String iframes = text(sink, first.get("URI"));
    assertTrue(iframes.contains("#EXT-X-I-FRAMES-ONLY\n"));
    assertEquals(6, Playlists.tags(iframes, "#EXT-X-BYTERANGE").size(), iframes);
    // the PMT lists the audio too, but an I-frame range carries video only
    Tools.Result read =
        Tools.ffmpeg(
            sink.root(),
            "-v",
            "error",
            "-i",
            first.get("URI"),
            "-map",
            "0:v",
            "-c",
            "copy",
            "-f",
            "null",
            "-");
    assertEquals(0, read.exitCode(), read.stderr());
    assertEquals("", read.stderr());
    List<Tools.Packet> video =
        Tools.packets(sink.root(), first.get("URI")).stream()
            .filter(p -> p.streamIndex() == 0)
            .toList();
    assertEquals(6, video.size(), "one packet per key frame");
    assertTrue(video.stream().allMatch(Tools.Packet::keyframe));
    List<Long> keyTimes =
        Tools.packets(source, "v0/index.m3u8").stream()
            .filter(p -> p.streamIndex() == 0 && p.keyframe())
            .map(Tools.Packet::pts)
            .toList();
    assertEquals(keyTimes, video.stream().map(Tools.Packet::pts).toList());
  }

  @Test
  void programDateTimeFollowsTheGivenStartTime() throws Exception {
    ManifestSpec dated =
        new ManifestSpec(
            "dated", false, 6, "NONE", 0, Integer.MAX_VALUE, "ORIGINAL", "FULL", 0, "NONE");
    DirectorySink sink = run(source, TestMedia.MASTER, "dated", false, dated);
    String media = text(sink, "dated_v1.m3u8");
    assertEquals(
        List.of(
            "#EXT-X-PROGRAM-DATE-TIME:2026-01-01T00:00:00.000Z",
            "#EXT-X-PROGRAM-DATE-TIME:2026-01-01T00:00:06.000Z"),
        Playlists.tags(media, "#EXT-X-PROGRAM-DATE-TIME"));
    Tools.Result read = Tools.readBack(sink.root(), "dated.m3u8");
    assertEquals(0, read.exitCode(), read.stderr());
  }

  @Test
  void streamSelectionFiltersAndOrdersByVideoBitrate() throws Exception {
    ManifestSpec all =
        new ManifestSpec(
            "all",
            false,
            0,
            "NONE",
            0,
            Integer.MAX_VALUE,
            "VIDEO_BITRATE_ASCENDING",
            "FULL",
            0,
            "NONE");
    ManifestSpec top =
        new ManifestSpec(
            "top",
            false,
            0,
            "NONE",
            400_000,
            Integer.MAX_VALUE,
            "VIDEO_BITRATE_DESCENDING",
            "FULL",
            0,
            "NONE");
    DirectorySink sink = run(source, TestMedia.MASTER, "selection", false, all, top);
    assertEquals(
        List.of("all_v2.m3u8", "all_v1.m3u8", "all_v0.m3u8"),
        Playlists.variantUris(text(sink, "all.m3u8")));
    assertEquals(
        List.of("top_v0.m3u8", "top_v1.m3u8"), Playlists.variantUris(text(sink, "top.m3u8")));
    assertFalse(Files.exists(sink.root().resolve("top_v2.m3u8")));
    Tools.Result read = Tools.readBack(sink.root(), "top.m3u8");
    assertEquals(0, read.exitCode(), read.stderr());
  }

  @Test
  void byteRangeSourcePackagesLikeTheSegmentedOne() throws Exception {
    Path ranged = TestMedia.byteRange();
    DirectorySink sink =
        run(ranged, TestMedia.MASTER, "from-byte-range", false, ManifestSpec.named("index"));
    Tools.Result read = Tools.readBack(sink.root(), "index.m3u8");
    assertEquals(0, read.exitCode(), read.stderr());
    assertEquals("", read.stderr());
    for (int v = 0; v < 3; v++) {
      List<Tools.Packet> in = Tools.packets(ranged, "v" + v + "/index.m3u8");
      List<Tools.Packet> out = Tools.packets(sink.root(), "index_v" + v + ".m3u8");
      assertTrue(sorted(in, 0).equals(sorted(out, 0)), "video of variant " + v + " differs");
      assertTrue(sorted(in, 1).equals(sorted(out, 1)), "audio of variant " + v + " differs");
    }
  }

  static List<Path> files(Path root) throws IOException {
    try (Stream<Path> s = Files.walk(root)) {
      return s.filter(Files::isRegularFile).sorted().toList();
    }
  }
}
