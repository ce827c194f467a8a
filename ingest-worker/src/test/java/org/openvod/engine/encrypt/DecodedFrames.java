package org.openvod.engine.encrypt;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.openvod.engine.testing.Tools;

/** Decodes fMP4 tracks with ffmpeg (decrypting with -decryption_key) into per-frame MD5s. */
public final class DecodedFrames {

  /** How the decode ended: ffmpeg's exit code, the frame lines of framemd5, its stderr. */
  public record Result(int exitCode, List<String> frames, String stderr) {}

  private DecodedFrames() {}

  /**
   * Joins {@code init} and {@code segments} (paths relative to {@code folder}) into {@code name}
   * under {@code folder}, as a player appends them to one buffer.
   */
  public static Path join(Path folder, String name, String init, List<String> segments)
      throws IOException {
    Path joined = folder.resolve(name);
    try (OutputStream out = Files.newOutputStream(joined)) {
      out.write(Files.readAllBytes(folder.resolve(init)));
      for (String s : segments) {
        out.write(Files.readAllBytes(folder.resolve(s)));
      }
    }
    return joined;
  }

  /**
   * The frames of each segment decoded behind the init segment on its own, in order: ffmpeg 5.1's
   * mov demuxer pairs the sample encryption entries of the second and later fragments of one file
   * with the wrong samples (even in files its own muxer fragments), so each segment is a file of
   * its own (all read by one ffmpeg run). A failure on any of them is the result's exit code.
   */
  public static Result perSegment(Path folder, String init, List<String> segments, String keyHex)
      throws IOException {
    // one ffmpeg run with an input and a framemd5 output per segment: spawning ffmpeg dominates
    List<String> args = new ArrayList<>(List.of("-v", "error"));
    List<Path> inputs = new ArrayList<>();
    for (int i = 0; i < segments.size(); i++) {
      Path joined = join(folder, "one-segment-" + i + ".mp4", init, List.of(segments.get(i)));
      inputs.add(joined);
      if (keyHex != null) {
        args.addAll(List.of("-decryption_key", keyHex));
      }
      args.addAll(List.of("-i", joined.getFileName().toString()));
    }
    for (int i = 0; i < segments.size(); i++) {
      args.addAll(List.of("-map", i + ":0", "-f", "framemd5", "frames-" + i + ".txt"));
    }
    try {
      Tools.Result r = Tools.ffmpeg(folder, args.toArray(String[]::new));
      List<String> frames = new ArrayList<>();
      for (int i = 0; i < segments.size(); i++) {
        Path out = folder.resolve("frames-" + i + ".txt");
        if (Files.exists(out)) {
          for (String line : Files.readAllLines(out)) {
            if (!line.isBlank() && !line.startsWith("#")) {
              frames.add(line.trim());
            }
          }
          Files.delete(out);
        }
      }
      return new Result(r.exitCode(), frames, r.stderr());
    } finally {
      for (Path p : inputs) {
        Files.deleteIfExists(p);
      }
    }
  }

  /** Fails with the first frame that differs (the lists are long: no full dump). */
  public static void assertSameFrames(List<String> expected, List<String> actual, String what) {
    int n = Math.min(expected.size(), actual.size());
    for (int i = 0; i < n; i++) {
      if (!expected.get(i).equals(actual.get(i))) {
        throw new AssertionError(
            what
                + ": frame "
                + i
                + " differs: "
                + actual.get(i)
                + " instead of "
                + expected.get(i));
      }
    }
    if (expected.size() != actual.size()) {
      throw new AssertionError(
          what + ": " + actual.size() + " frames instead of " + expected.size());
    }
    if (expected.isEmpty()) {
      throw new AssertionError(what + ": no frames");
    }
  }

  /**
   * The framemd5 lines (stream, dts, pts, duration, size, md5 of each decoded frame) of the first
   * stream of {@code file}, decrypting with {@code keyHex} unless it is null.
   */
  public static Result of(Path file, String keyHex) {
    List<String> args = new ArrayList<>(List.of("-v", "error"));
    if (keyHex != null) {
      args.addAll(List.of("-decryption_key", keyHex));
    }
    args.addAll(List.of("-i", file.getFileName().toString(), "-map", "0:0", "-f", "framemd5", "-"));
    Tools.Result r = Tools.ffmpeg(file.getParent(), args.toArray(String[]::new));
    List<String> frames = new ArrayList<>();
    for (String line : r.stdout().split("\n")) {
      if (!line.isBlank() && !line.startsWith("#")) {
        frames.add(line.trim());
      }
    }
    return new Result(r.exitCode(), frames, r.stderr());
  }
}
