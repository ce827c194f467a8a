package org.openvod.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openvod.engine.media.PackagingException;
import org.openvod.engine.media.PackagingException.Reason;
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

/** The facade: one pass to many outputs, outputs failing alone, sources refused with a reason. */
class PackagerTest {

  private static OutputSpec hls(String id, DirectorySink sink) {
    return OutputSpec.of(id, OutputFormat.HLS_TS, 6, sink);
  }

  private static PackagingException refusal(Path source, String root) {
    DirectorySink sink = new DirectorySink(TestMedia.scratch("refused"));
    return assertThrows(
        PackagingException.class,
        () ->
            Packager.run(
                new FileSourceLocator(source),
                root,
                List.of(hls("x", sink)),
                ProgressListener.NONE));
  }

  private static void assertRefused(PackagingException e, Reason reason, String... mentions) {
    assertEquals(reason, e.reason(), e.getMessage());
    for (String mention : mentions) {
      assertTrue(e.getMessage().contains(mention), "'" + e.getMessage() + "' names " + mention);
    }
  }

  @Test
  void oneOutputFailingLeavesTheOthersWhole() throws Exception {
    DirectorySink good = new DirectorySink(TestMedia.scratch("fan-good"));
    OutputSpec broken =
        OutputSpec.of(
            "bad-sink",
            OutputFormat.HLS_TS,
            6,
            (path, data, contentType) -> {
              throw new IOException("bucket is read-only");
            });
    OutputSpec zeroDuration = OutputSpec.of("zero", OutputFormat.HLS_TS, 0, good);
    List<Double> progress = new ArrayList<>();
    List<OutputResult> results =
        Packager.run(
            new FileSourceLocator(TestMedia.threeRenditions()),
            TestMedia.MASTER,
            List.of(hls("good", good), broken, zeroDuration),
            progress::add);
    assertEquals(3, results.size());
    assertTrue(results.get(0).succeeded(), results.get(0).error());
    assertEquals(List.of("index.m3u8"), results.get(0).manifestPaths());
    assertFalse(results.get(1).succeeded());
    assertTrue(results.get(1).error().contains("bucket is read-only"), results.get(1).error());
    assertEquals("bad-sink", results.get(1).outputId());
    assertTrue(results.get(2).error().contains("segmentDurationSeconds"), results.get(2).error());
    Tools.Result read = Tools.readBack(good.root(), "index.m3u8");
    assertEquals(0, read.exitCode(), read.stderr());
    for (int i = 1; i < progress.size(); i++) {
      assertTrue(progress.get(i) >= progress.get(i - 1), "progress goes back: " + progress);
    }
    assertEquals(1.0, progress.get(progress.size() - 1), 1e-9);
    assertNull(results.get(0).error());
  }

  @Test
  void onePassFeedsEveryFormat() throws Exception {
    List<OutputSpec> outputs = new ArrayList<>();
    for (OutputFormat format : OutputFormat.values()) {
      DirectorySink sink = new DirectorySink(TestMedia.scratch("all-" + format));
      outputs.add(OutputSpec.of(format.name(), format, 6, sink));
    }
    List<OutputResult> results =
        Packager.run(
            new FileSourceLocator(TestMedia.threeRenditions()),
            TestMedia.MASTER,
            outputs,
            ProgressListener.NONE);
    for (int i = 0; i < outputs.size(); i++) {
      OutputResult result = results.get(i);
      OutputFormat format = outputs.get(i).format();
      assertTrue(result.succeeded(), format + ": " + result.error());
      assertEquals(List.of(ManifestSpec.named("index").fileName(format)), result.manifestPaths());
    }
  }

  /**
   * With several outputs each chain runs on its own thread; they share the demuxer's samples, so a
   * chain that changed a sample's bytes, or any race, would show here as a difference.
   */
  @Test
  void outputsMuxedSideBySideEqualEachOutputMadeAlone() throws Exception {
    List<OutputSpec> together = new ArrayList<>();
    List<Path> alone = new ArrayList<>();
    for (OutputFormat format : OutputFormat.values()) {
      together.add(spec(format, new DirectorySink(TestMedia.scratch("together-" + format))));
      DirectorySink single = new DirectorySink(TestMedia.scratch("alone-" + format));
      List<OutputResult> one =
          Packager.run(
              new FileSourceLocator(TestMedia.threeRenditions()),
              TestMedia.MASTER,
              List.of(spec(format, single)),
              ProgressListener.NONE);
      assertTrue(one.get(0).succeeded(), one.get(0).error());
      alone.add(single.root());
    }
    List<OutputResult> results =
        Packager.run(
            new FileSourceLocator(TestMedia.threeRenditions()),
            TestMedia.MASTER,
            together,
            ProgressListener.NONE);
    for (int i = 0; i < together.size(); i++) {
      assertTrue(results.get(i).succeeded(), results.get(i).error());
      Path root = ((DirectorySink) together.get(i).sink()).root();
      List<Path> files;
      try (var walk = java.nio.file.Files.walk(alone.get(i))) {
        files = walk.filter(java.nio.file.Files::isRegularFile).sorted().toList();
      }
      assertTrue(files.size() > 3, "files of " + together.get(i).format());
      for (Path file : files) {
        Path other = root.resolve(alone.get(i).relativize(file).toString());
        assertTrue(
            java.util.Arrays.equals(
                java.nio.file.Files.readAllBytes(file), java.nio.file.Files.readAllBytes(other)),
            together.get(i).format() + " " + alone.get(i).relativize(file) + " differs");
      }
    }
  }

  private static OutputSpec spec(OutputFormat format, DirectorySink sink) {
    return OutputSpec.of(format.name(), format, 6, sink)
        .withDashIframeOnlyStream(format == OutputFormat.DASH);
  }

  @Test
  void brokenTsIsMalformedAndNamesTheFile() {
    assertRefused(
        refusal(TestMedia.brokenTs(), TestMedia.MASTER), Reason.MALFORMED_SOURCE, "v1/seg_001.ts");
  }

  @Test
  void missingSegmentIsMissingSource() {
    assertRefused(
        refusal(TestMedia.missingSegment(), TestMedia.MASTER),
        Reason.MISSING_SOURCE,
        "v2/seg_002.ts");
  }

  @Test
  void missingRootPlaylistIsMissingSource() {
    assertRefused(
        refusal(TestMedia.threeRenditions(), "nope.m3u8"), Reason.MISSING_SOURCE, "nope.m3u8");
  }

  @Test
  void livePlaylistIsRefused() {
    assertRefused(
        refusal(TestMedia.livePlaylist(), TestMedia.MASTER),
        Reason.UNSUPPORTED_CONTENT,
        "v0/index.m3u8",
        "EXT-X-ENDLIST");
  }

  @Test
  void encryptedSegmentsAreRefused() {
    assertRefused(
        refusal(TestMedia.encryptedPlaylist(), TestMedia.MASTER),
        Reason.ENCRYPTED_SOURCE,
        "v1/index.m3u8",
        "AES-128");
  }

  @Test
  void mp3AudioIsUnsupported() {
    assertRefused(
        refusal(TestMedia.mp3Audio(), "index.m3u8"),
        Reason.UNSUPPORTED_CONTENT,
        "seg_000.ts",
        "MP3");
  }

  @Test
  void mpeg2VideoIsUnsupported() {
    assertRefused(
        refusal(TestMedia.mpeg2Video(), "index.m3u8"),
        Reason.UNSUPPORTED_CONTENT,
        "seg_000.ts",
        "MPEG-2 video");
  }

  @Test
  void moreThanTwentyStreamsAreRefused() {
    assertRefused(
        refusal(TestMedia.tooManyStreams(), "index.m3u8"), Reason.TOO_MANY_STREAMS, "21 streams");
  }

  @Test
  void audioOnlySourcesAreRefused() {
    assertRefused(
        refusal(TestMedia.audioOnly(), "index.m3u8"), Reason.UNSUPPORTED_CONTENT, "no video");
  }

  @Test
  void unknownRootFileIsRefused() {
    assertRefused(
        refusal(TestMedia.threeRenditions(), "movie.mp4"), Reason.UNSUPPORTED_CONTENT, "movie.mp4");
  }

  @Test
  void ac3AudioPackagesAndReadsBack() throws Exception {
    packagesLikeTheSource(TestMedia.ac3Audio(), "ac3", ",ac-3");
  }

  @Test
  void eac3AudioPackagesAndReadsBack() throws Exception {
    packagesLikeTheSource(TestMedia.eac3Audio(), "eac3", ",ec-3");
  }

  @Test
  void hevcVideoPackagesAndReadsBack() throws Exception {
    Path source = TestMedia.hevcVideo();
    String codecs = packagesLikeTheSource(source, "hevc", ",mp4a.40.2");
    Tools.Result probe =
        Tools.ffprobe(
            source,
            "-v",
            "error",
            "-select_streams",
            "v",
            "-show_entries",
            "stream=profile,level",
            "-of",
            "csv=p=0",
            "seg_000.ts");
    String[] profileLevel = probe.stdout().trim().split("\n")[0].trim().split(",");
    assertEquals("Main", profileLevel[0]);
    assertTrue(
        codecs.startsWith("hvc1.1.6.L" + profileLevel[1] + "."),
        codecs + " vs level " + profileLevel[1]);
    // decode every frame too: parameter sets and key frames must be where the decoder needs them
    Tools.Result decode =
        Tools.ffmpeg(
            TestMedia.buildDir().resolve("test-scratch/hevc"),
            "-v",
            "error",
            "-i",
            "index.m3u8",
            "-map",
            "0:v",
            "-f",
            "null",
            "-");
    assertEquals(0, decode.exitCode(), decode.stderr());
    assertEquals("", decode.stderr());
  }

  /** Packages a one-rendition source; checks read-back, CODECS ending and every packet. */
  private static String packagesLikeTheSource(Path source, String name, String codecsEnd)
      throws Exception {
    DirectorySink sink = new DirectorySink(TestMedia.scratch(name));
    List<OutputResult> results =
        Packager.run(
            new FileSourceLocator(source),
            "index.m3u8",
            List.of(hls(name, sink)),
            ProgressListener.NONE);
    assertTrue(results.get(0).succeeded(), results.get(0).error());
    Tools.Result read = Tools.readBack(sink.root(), "index.m3u8");
    assertEquals(0, read.exitCode(), read.stderr());
    assertEquals("", read.stderr());
    String master = TestMedia.read(sink.root().resolve("index.m3u8"));
    String codecs =
        Playlists.attributes(Playlists.tags(master, "#EXT-X-STREAM-INF").get(0)).get("CODECS");
    assertTrue(codecs.endsWith(codecsEnd), codecs);
    List<Tools.Packet> in = Tools.segmentPackets(source, "index.m3u8");
    List<Tools.Packet> out = Tools.segmentPackets(sink.root(), "index_v0.m3u8");
    for (int stream = 0; stream < 2; stream++) {
      int s = stream;
      List<Tools.Packet> expected = in.stream().filter(p -> p.streamIndex() == s).toList();
      assertFalse(expected.isEmpty());
      assertTrue(
          expected.equals(out.stream().filter(p -> p.streamIndex() == s).toList()),
          name + ": stream " + s + " differs from the source");
    }
    return codecs;
  }
}
