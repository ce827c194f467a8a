package org.openvod.engine.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs ffmpeg and ffprobe, the oracles of the engine's tests. */
public final class Tools {

  /** How a tool run ended. */
  public record Result(int exitCode, String stdout, String stderr) {}

  private Tools() {}

  public static Result ffmpeg(Path workDir, String... args) {
    List<String> command = new ArrayList<>(List.of("ffmpeg", "-hide_banner", "-nostdin", "-y"));
    command.addAll(List.of(args));
    return run(workDir, command);
  }

  public static Result ffprobe(Path workDir, String... args) {
    List<String> command = new ArrayList<>(List.of("ffprobe", "-hide_banner"));
    command.addAll(List.of(args));
    return run(workDir, command);
  }

  /** Like {@link #ffmpeg} but fails the test when the exit code is not 0. */
  public static Result ffmpegOk(Path workDir, String... args) {
    Result result = ffmpeg(workDir, args);
    if (result.exitCode() != 0) {
      throw new IllegalStateException(
          "ffmpeg " + String.join(" ", args) + " failed: " + result.stderr());
    }
    return result;
  }

  public static Result run(Path workDir, List<String> command) {
    try {
      Path out = Files.createTempFile("tool", ".out");
      Path err = Files.createTempFile("tool", ".err");
      try {
        Process process =
            new ProcessBuilder(command)
                .directory(workDir.toFile())
                .redirectOutput(out.toFile())
                .redirectError(err.toFile())
                .start();
        if (!process.waitFor(180, TimeUnit.SECONDS)) {
          process.destroyForcibly();
          throw new IllegalStateException("timed out: " + command);
        }
        return new Result(
            process.exitValue(),
            Files.readString(out, StandardCharsets.UTF_8),
            Files.readString(err, StandardCharsets.UTF_8));
      } finally {
        Files.deleteIfExists(out);
        Files.deleteIfExists(err);
      }
    } catch (IOException e) {
      throw new IllegalStateException("cannot run " + command + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** One demuxed packet as ffprobe reports it (times in the stream's time base). */
  public record Packet(int streamIndex, long pts, long dts, boolean keyframe) {}

  /** Every packet of {@code input}, in file order. */
  public static List<Packet> packets(Path workDir, String input) {
    Result result =
        ffprobe(
            workDir,
            "-v",
            "error",
            "-show_entries",
            "packet=stream_index,pts,dts,flags",
            "-of",
            "csv=p=0",
            input);
    if (result.exitCode() != 0) {
      throw new IllegalStateException("ffprobe " + input + " failed: " + result.stderr());
    }
    List<Packet> packets = new ArrayList<>();
    for (String line : result.stdout().split("\n")) {
      String[] f = line.trim().split(",");
      if (f.length < 4 || f[0].isEmpty()) {
        continue;
      }
      long pts = f[1].equals("N/A") ? Long.MIN_VALUE : Long.parseLong(f[1]);
      long dts = f[2].equals("N/A") ? pts : Long.parseLong(f[2]);
      packets.add(new Packet(Integer.parseInt(f[0]), pts, dts, f[3].startsWith("K")));
    }
    return packets;
  }

  /** ffprobe's stream list: "codec,profile,width,height,sample_rate,channels" per stream. */
  public static List<String> streams(Path workDir, String input) {
    Result result =
        ffprobe(
            workDir,
            "-v",
            "error",
            "-show_entries",
            "stream=codec_name,width,height,sample_rate,channels",
            "-of",
            "csv=p=0",
            input);
    if (result.exitCode() != 0) {
      throw new IllegalStateException("ffprobe " + input + " failed: " + result.stderr());
    }
    List<String> out = new ArrayList<>();
    for (String line : result.stdout().split("\n")) {
      if (!line.isBlank()) {
        out.add(line.trim());
      }
    }
    return out;
  }

  /** The container duration ffprobe reports, in seconds. */
  public static double duration(Path workDir, String input) {
    Result result =
        ffprobe(
            workDir, "-v", "error", "-show_entries", "format=duration", "-of", "csv=p=0", input);
    if (result.exitCode() != 0) {
      throw new IllegalStateException("ffprobe " + input + " failed: " + result.stderr());
    }
    return Double.parseDouble(result.stdout().trim());
  }

  /** Plays {@code input} through ffmpeg's demuxers (every stream, no decoding). */
  public static Result readBack(Path workDir, String input) {
    return ffmpeg(
        workDir, "-v", "error", "-i", input, "-map", "0", "-c", "copy", "-f", "null", "-");
  }

  /**
   * The packets of every segment of a media playlist, each segment read as its own file (whole
   * files only, no byte ranges).
   */
  public static List<Packet> segmentPackets(Path workDir, String mediaPlaylist) {
    Path playlist = workDir.resolve(mediaPlaylist);
    Path folder = playlist.getParent();
    List<Packet> out = new ArrayList<>();
    for (String line : read(playlist).split("\n")) {
      if (!line.isBlank() && !line.startsWith("#")) {
        out.addAll(packets(folder, line.trim()));
      }
    }
    return out;
  }

  private static String read(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
