package org.openvod.deploy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * A cheap HLS-TS source of any length for tests that need packaging to take a while: three small
 * H.264 renditions (ultrafast, 2 s GOPs) with AAC stereo, 6 s segments, in one ffmpeg run. Kept in
 * the build folder so later runs reuse it.
 */
final class LowResSource {

  static final String MASTER = "index.m3u8";

  private LowResSource() {}

  /** Generates {@code seconds} of source into {@code dir} unless a complete one is there. */
  static Path ensure(Path dir, int seconds) throws IOException, InterruptedException {
    if (Files.exists(dir.resolve(".complete"))) {
      return dir;
    }
    Path work = dir.resolveSibling(dir.getFileName() + ".tmp");
    deleteTree(work);
    Files.createDirectories(work);
    String s = Integer.toString(seconds);
    List<String> command =
        List.of(
            "ffmpeg",
            "-hide_banner",
            "-nostdin",
            "-loglevel",
            "error",
            "-y",
            "-f",
            "lavfi",
            "-i",
            "testsrc2=size=320x180:rate=30:duration=" + s,
            "-f",
            "lavfi",
            "-i",
            "sine=frequency=440:sample_rate=48000:duration=" + s,
            "-filter_complex",
            "[0:v]split=3[v1][v2][v3];[v2]scale=256:144[v2o];[v3]scale=192:108[v3o];"
                + "[1:a]pan=stereo|c0=c0|c1=c0,asplit=3[a1][a2][a3]",
            "-map",
            "[v1]",
            "-map",
            "[a1]",
            "-map",
            "[v2o]",
            "-map",
            "[a2]",
            "-map",
            "[v3o]",
            "-map",
            "[a3]",
            "-c:v",
            "libx264",
            "-preset",
            "ultrafast",
            "-pix_fmt",
            "yuv420p",
            // fixed 2 s GOPs: 60 frames at 30 fps, no scene-cut key frames
            "-g",
            "60",
            "-keyint_min",
            "60",
            "-sc_threshold",
            "0",
            "-b:v:0",
            "300k",
            "-b:v:1",
            "200k",
            "-b:v:2",
            "100k",
            "-c:a",
            "aac",
            "-b:a",
            "64k",
            "-ar",
            "48000",
            "-ac",
            "2",
            "-f",
            "hls",
            "-hls_time",
            "6",
            "-hls_playlist_type",
            "vod",
            "-hls_flags",
            "independent_segments",
            "-hls_segment_type",
            "mpegts",
            "-hls_segment_filename",
            "%v/seg_%03d.ts",
            "-master_pl_name",
            MASTER,
            "-var_stream_map",
            "v:0,a:0,name:r0 v:1,a:1,name:r1 v:2,a:2,name:r2",
            "%v/index.m3u8");
    Process ffmpeg =
        new ProcessBuilder(command)
            .directory(work.toFile())
            .redirectErrorStream(true)
            .redirectOutput(work.resolve("ffmpeg.log").toFile())
            .start();
    if (!ffmpeg.waitFor(5, java.util.concurrent.TimeUnit.MINUTES) || ffmpeg.exitValue() != 0) {
      ffmpeg.destroyForcibly();
      throw new IOException(
          "ffmpeg could not generate the source: " + Files.readString(work.resolve("ffmpeg.log")));
    }
    Files.delete(work.resolve("ffmpeg.log"));
    Files.createFile(work.resolve(".complete"));
    deleteTree(dir);
    Files.move(work, dir);
    return dir;
  }

  static void copyTree(Path from, Path to) throws IOException {
    try (Stream<Path> files = Files.walk(from)) {
      for (Path f : files.toList()) {
        Path target = to.resolve(from.relativize(f).toString());
        if (Files.isDirectory(f)) {
          Files.createDirectories(target);
        } else {
          Files.copy(f, target);
        }
      }
    }
  }

  static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path f : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(f);
      }
    }
  }
}
