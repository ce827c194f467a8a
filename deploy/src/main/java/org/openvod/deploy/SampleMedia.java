package org.openvod.deploy;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The bundled sample: generated with ffmpeg by deploy/sample/generate.sh (media files are never
 * committed), then uploaded to a source bucket as is.
 */
public final class SampleMedia {

  /** Where the HLS form's multivariant playlist lives inside the sample folder. */
  public static final String HLS_MASTER = "hls/index.m3u8";

  public static final String SMIL = "mp4/sample.smil";

  private static final Map<String, String> CONTENT_TYPES =
      Map.of(
          "m3u8", "application/vnd.apple.mpegurl",
          "ts", "video/mp2t",
          "mp4", "video/mp4",
          "smil", "application/smil+xml");

  private SampleMedia() {}

  /** Generates the sample into {@code dir} unless a complete one is already there. */
  public static void ensure(Path script, Path dir, Map<String, String> env, PrintStream out) {
    if (Files.exists(dir.resolve(".complete"))) {
      return;
    }
    if (!Files.isRegularFile(script)) {
      throw new LaunchException("the sample generator " + script + " is missing");
    }
    out.println("vod demo: generating the sample with ffmpeg into " + dir + " ...");
    try {
      ProcessBuilder builder = new ProcessBuilder("bash", script.toString(), dir.toString());
      builder.environment().putAll(env);
      builder.inheritIO();
      Process process = builder.start();
      if (!process.waitFor(
          Duration.ofMinutes(5).toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) {
        process.destroyForcibly();
        throw new LaunchException("generating the sample took more than 5 minutes");
      }
      if (process.exitValue() != 0) {
        throw new LaunchException(
            "generating the sample failed (" + script + " exited " + process.exitValue() + ")");
      }
    } catch (IOException e) {
      throw new LaunchException("cannot run " + script + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new LaunchException("interrupted while generating the sample");
    }
  }

  /** Puts every file of {@code dir} under {@code prefix} in the bucket; returns the keys. */
  public static List<String> upload(S3Client s3, Path dir, String bucket, String prefix) {
    try (Stream<Path> files = Files.walk(dir)) {
      List<Path> media =
          files
              .filter(Files::isRegularFile)
              .filter(f -> !f.getFileName().toString().startsWith("."))
              .sorted()
              .toList();
      for (Path file : media) {
        String key = prefix + dir.relativize(file).toString().replace('\\', '/');
        s3.putObject(
            b -> b.bucket(bucket).key(key).contentType(contentType(file)),
            RequestBody.fromFile(file));
      }
      return media.stream()
          .map(f -> prefix + dir.relativize(f).toString().replace('\\', '/'))
          .toList();
    } catch (IOException e) {
      throw new LaunchException("cannot read the sample in " + dir + ": " + e.getMessage(), e);
    }
  }

  static String contentType(Path file) {
    String name = file.getFileName().toString();
    String ext = name.substring(name.lastIndexOf('.') + 1);
    return CONTENT_TYPES.getOrDefault(ext, "application/octet-stream");
  }
}
