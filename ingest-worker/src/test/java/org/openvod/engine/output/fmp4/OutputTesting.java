package org.openvod.engine.output.fmp4;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.openvod.engine.output.ManifestSpec;
import org.openvod.engine.output.OutputFormat;
import org.openvod.engine.output.OutputSpec;
import org.openvod.engine.pipeline.MediaHandler;
import org.openvod.engine.pipeline.Segmenter;
import org.openvod.engine.source.mp4.Mp4TestMedia;
import org.openvod.engine.source.smil.SmilDemuxer;

/** Shared steps of the fMP4 output tests: package a fixture, read the result back with ffmpeg. */
public final class OutputTesting {

  private OutputTesting() {}

  /** An fMP4 output (audio rendition groups are HLS-TS only, so not set here). */
  public static OutputSpec spec(
      OutputFormat format,
      int segmentSeconds,
      List<ManifestSpec> manifests,
      boolean inBand,
      boolean trickPlay,
      String template,
      FileSink sink) {
    return OutputSpec.of("cfg-" + format, format, segmentSeconds, sink)
        .withManifests(manifests)
        .withEncoderConfigurationInSegments(inBand)
        .withDashIframeOnlyStream(trickPlay)
        .withSegmentTemplateFormat(template);
  }

  /** A fresh folder under the build folder. */
  public static Path folder(String name) throws IOException {
    Path dir = Mp4TestMedia.buildDir().resolve("engine-out").resolve(name);
    if (Files.exists(dir)) {
      try (var walk = Files.walk(dir)) {
        for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
          Files.delete(p);
        }
      }
    }
    return Files.createDirectories(dir);
  }

  /** Demuxes {@code smil} of {@code source} through the engine's segmenter into {@code output}. */
  public static void packageSmil(Path source, String smil, int segmentSeconds, MediaHandler output)
      throws Exception {
    new SmilDemuxer(new Mp4TestMedia.FolderLocator(source), smil)
        .run(new Segmenter(segmentSeconds, output), f -> {});
  }

  /** ffmpeg reads every stream of {@code url} with -c copy: exit 0 and nothing on stderr. */
  public static void assertFfmpegReads(Path file) throws IOException {
    var result =
        Mp4TestMedia.run(
            List.of(
                "ffmpeg",
                "-hide_banner",
                "-nostdin",
                "-v",
                "error",
                "-i",
                file.toString(),
                "-map",
                "0",
                "-c",
                "copy",
                "-f",
                "null",
                "-"));
    assertEquals(0, result.exit(), "ffmpeg exit: " + result.stderr());
    assertEquals("", result.stderr().trim(), "ffmpeg stderr");
  }

  /** ffprobe's format duration of a file or playlist. */
  public static double ffprobeDuration(Path file) throws IOException {
    var result =
        Mp4TestMedia.run(
            List.of(
                "ffprobe",
                "-v",
                "error",
                "-show_entries",
                "format=duration",
                "-of",
                "csv=p=0",
                file.toString()));
    assertEquals(0, result.exit(), result.stderr());
    return Double.parseDouble(result.stdout().trim());
  }

  /** Lines of ffprobe -show_entries stream=... for every stream. */
  public static List<String> ffprobeStreams(Path file, String entries) throws IOException {
    var result =
        Mp4TestMedia.run(
            List.of(
                "ffprobe",
                "-v",
                "error",
                "-show_entries",
                "stream=" + entries,
                "-of",
                "csv=p=0",
                file.toString()));
    assertEquals(0, result.exit(), result.stderr());
    List<String> lines = new ArrayList<>();
    for (String line : result.stdout().split("\n")) {
      if (!line.isBlank()) {
        lines.add(line.trim());
      }
    }
    return lines;
  }

  /** Count and key-frame count of the video packets ffprobe reads from {@code file}. */
  public static int[] videoPackets(Path file) throws IOException {
    var result =
        Mp4TestMedia.run(
            List.of(
                "ffprobe",
                "-v",
                "error",
                "-select_streams",
                "v:0",
                "-show_entries",
                "packet=flags",
                "-of",
                "csv=p=0",
                file.toString()));
    assertEquals(0, result.exit(), result.stderr());
    int count = 0;
    int keys = 0;
    for (String line : result.stdout().split("\n")) {
      if (!line.isBlank()) {
        count++;
        keys += line.trim().startsWith("K") ? 1 : 0;
      }
    }
    assertTrue(count > 0);
    return new int[] {count, keys};
  }
}
