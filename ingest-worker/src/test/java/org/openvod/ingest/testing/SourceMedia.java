package org.openvod.ingest.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openvod.events.testing.TestS3;
import software.amazon.awssdk.core.sync.RequestBody;

/**
 * A small HLS-TS source made with ffmpeg once per JVM (6 s, 320x180 H.264 + AAC, 2 s segments, a
 * master playlist naming a variant in a sub-folder), uploadable under any key prefix.
 */
public final class SourceMedia {

  private static Path dir;

  private SourceMedia() {}

  /** The folder holding master.m3u8, v0/index.m3u8 and v0/seg_*.ts. */
  public static synchronized Path hlsTs() {
    if (dir == null) {
      try {
        Path out = Files.createTempDirectory("ingest-source");
        Files.createDirectories(out.resolve("v0"));
        run(
            out,
            "ffmpeg",
            "-hide_banner",
            "-v",
            "error",
            "-y",
            "-f",
            "lavfi",
            "-i",
            "testsrc2=size=320x180:rate=25:duration=6",
            "-f",
            "lavfi",
            "-i",
            "sine=frequency=440:sample_rate=48000:duration=6",
            "-map",
            "0:v",
            "-map",
            "1:a",
            "-c:v",
            "libx264",
            "-preset",
            "ultrafast",
            "-pix_fmt",
            "yuv420p",
            "-g",
            "50",
            "-keyint_min",
            "50",
            "-sc_threshold",
            "0",
            "-c:a",
            "aac",
            "-b:a",
            "64k",
            "-ac",
            "2",
            "-f",
            "hls",
            "-hls_time",
            "2",
            "-hls_playlist_type",
            "vod",
            "-hls_segment_filename",
            "v%v/seg_%03d.ts",
            "-master_pl_name",
            "master.m3u8",
            "-var_stream_map",
            "v:0,a:0",
            "v%v/index.m3u8");
        dir = out;
      } catch (IOException e) {
        throw new IllegalStateException(e);
      }
    }
    return dir;
  }

  /**
   * Uploads the source to {@code bucket} under {@code prefix} (ending with '/').
   *
   * @return the key of the master playlist
   */
  public static String upload(String bucket, String prefix) {
    Path root = hlsTs();
    TestS3.createBucket(bucket);
    List<Path> files = new ArrayList<>();
    try (Stream<Path> walk = Files.walk(root)) {
      walk.filter(Files::isRegularFile).forEach(files::add);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    try (var s3 = TestS3.client()) {
      for (Path file : files) {
        String key = prefix + root.relativize(file).toString().replace('\\', '/');
        s3.putObject(b -> b.bucket(bucket).key(key), RequestBody.fromFile(file));
      }
    }
    return prefix + "master.m3u8";
  }

  /** Runs a command in {@code dir}; fails with its output when it exits non-zero. */
  /**
   * ffmpeg decodes every stream of {@code manifest} in {@code dir} without an error (or throws).
   */
  public static void decodes(Path dir, String manifest) {
    run(dir, "ffmpeg", "-v", "error", "-i", manifest, "-map", "0", "-f", "null", "-");
  }

  public static String run(Path dir, String... command) {
    try {
      Process p =
          new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
      String output = new String(p.getInputStream().readAllBytes());
      if (!p.waitFor(120, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new IllegalStateException(String.join(" ", command) + " timed out");
      }
      if (p.exitValue() != 0) {
        throw new IllegalStateException(
            String.join(" ", command) + " exited " + p.exitValue() + ": " + output);
      }
      return output;
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
