package org.openvod.deploy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.openvod.events.Json;
import tools.jackson.databind.JsonNode;

/** ffprobe and ffmpeg as oracles: what streams a URL or file has, and whether it all demuxes. */
final class MediaProbe {

  /** One stream as ffprobe describes it; fields a stream kind lacks are empty. */
  record Stream(
      String codec,
      String profile,
      String width,
      String height,
      String sampleRate,
      String channels) {}

  /** Streams and duration (seconds) of a playlist, manifest or file. */
  record Probe(List<Stream> streams, double duration) {}

  /** What a command printed and how it ended. */
  record Run(int exitCode, String stdout, String stderr) {}

  private MediaProbe() {}

  static Probe probe(String input) {
    Run run =
        run(
            "ffprobe",
            "-v",
            "error",
            "-show_entries",
            "stream=codec_name,profile,width,height,sample_rate,channels:format=duration",
            "-of",
            "json",
            input);
    if (run.exitCode() != 0) {
      throw new AssertionError("ffprobe " + input + " failed: " + run.stderr());
    }
    JsonNode root = Json.MAPPER.readTree(run.stdout());
    List<Stream> streams = new ArrayList<>();
    for (JsonNode s : root.path("streams")) {
      streams.add(
          new Stream(
              s.path("codec_name").asString(""),
              s.path("profile").asString(""),
              s.path("width").asString(""),
              s.path("height").asString(""),
              s.path("sample_rate").asString(""),
              s.path("channels").asString("")));
    }
    return new Probe(
        streams, Double.parseDouble(root.path("format").path("duration").asString("0")));
  }

  /** Fetches and demuxes every segment of every stream, copying (no decode). */
  static Run demuxAll(String url) {
    return run(
        "ffmpeg",
        "-nostdin",
        "-v",
        "error",
        "-i",
        url,
        "-map",
        "0",
        "-c",
        "copy",
        "-f",
        "null",
        "-");
  }

  static Run run(String... command) {
    try {
      Process process = new ProcessBuilder(command).start();
      CompletableFuture<byte[]> out =
          CompletableFuture.supplyAsync(() -> readAll(process.getInputStream()));
      CompletableFuture<byte[]> err =
          CompletableFuture.supplyAsync(() -> readAll(process.getErrorStream()));
      if (!process.waitFor(120, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new AssertionError(String.join(" ", command) + " took more than 120 s");
      }
      return new Run(
          process.exitValue(),
          new String(out.join(), StandardCharsets.UTF_8),
          new String(err.join(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new AssertionError("cannot run " + command[0] + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
  }

  private static byte[] readAll(java.io.InputStream in) {
    try {
      return in.readAllBytes();
    } catch (IOException e) {
      return new byte[0];
    }
  }
}
