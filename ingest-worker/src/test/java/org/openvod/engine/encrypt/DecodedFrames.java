package org.openvod.engine.encrypt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.openvod.engine.testing.Tools;

/**
 * What ffmpeg decodes, as framemd5 lines (stream, dts, pts, duration, size, md5 of each decoded
 * frame; header comments dropped): of fMP4 tracks, decrypting with -decryption_key, and of HLS
 * playlists, fetching keys from their key URIs. The encrypted-output tests compare these with the
 * clear output's frames.
 */
public final class DecodedFrames {

  /** How the decode ended: ffmpeg's exit code, the frame lines of framemd5, its stderr. */
  public record Result(int exitCode, List<String> frames, String stderr) {}

  /** One track of an fMP4 output: its init segment and media segments, relative to a folder. */
  public record Track(Path folder, String init, List<String> segments) {

    /** This track with only its first {@code count} segments. */
    public Track first(int count) {
      return new Track(folder, init, segments.subList(0, Math.min(count, segments.size())));
    }

    /** Its frames, each segment decoded behind the init on its own; key null: no decryption. */
    public Result decode(ContentKey key) throws IOException {
      return perSegment(folder, init, segments, key == null ? null : TestKeys.hex(key.key()));
    }
  }

  private DecodedFrames() {}

  /**
   * {@code encrypted} decrypted with {@code key} decodes, segment by segment, to exactly the frames
   * of {@code clear}.
   *
   * @return the clear frames
   */
  public static List<String> assertDecryptsToTheClearFrames(
      Track clear, Track encrypted, ContentKey key, String what) throws IOException {
    Result expected = clear.decode(null);
    assertEquals(0, expected.exitCode(), what + " clear: " + expected.stderr());
    Result decrypted = encrypted.decode(key);
    assertEquals(0, decrypted.exitCode(), what + ": " + decrypted.stderr());
    assertSameFrames(expected.frames(), decrypted.frames(), what + " decrypted");
    return expected.frames();
  }

  /**
   * Without the right key ({@code wrongKey}, or null for none) ffmpeg fails on {@code encrypted} or
   * decodes other frames than {@code clearFrames}: the bytes really are encrypted.
   */
  public static void assertNotTheClearFrames(
      List<String> clearFrames, Track encrypted, ContentKey wrongKey, String what)
      throws IOException {
    Result r = encrypted.decode(wrongKey);
    assertTrue(
        r.exitCode() != 0 || !r.frames().equals(clearFrames),
        what + " decodes to the clear frames without its key");
  }

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
          frames.addAll(frameLines(Files.readString(out)));
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
   * The framemd5 lines of the first stream of {@code file}, decrypting with {@code keyHex} unless
   * it is null.
   */
  public static Result of(Path file, String keyHex) {
    List<String> args = new ArrayList<>(List.of("-v", "error"));
    if (keyHex != null) {
      args.addAll(List.of("-decryption_key", keyHex));
    }
    args.addAll(List.of("-i", file.getFileName().toString(), "-map", "0:0", "-f", "framemd5", "-"));
    Tools.Result r = Tools.ffmpeg(file.getParent(), args.toArray(String[]::new));
    return new Result(r.exitCode(), frameLines(r.stdout()), r.stderr());
  }

  /**
   * The frames of every stream of the HLS playlist {@code input} (video as raw pictures, audio as
   * PCM), keys fetched from the playlist's key URIs; fails the test when ffmpeg cannot decode it.
   *
   * @param inputOptions ffmpeg options for the input, e.g. {@code -allowed_extensions ALL}
   */
  public static List<String> ofPlaylist(Path workDir, List<String> inputOptions, String input) {
    // a local playlist may only open local files; the key URI is http
    List<String> args =
        new ArrayList<>(List.of("-v", "error", "-protocol_whitelist", "file,crypto,data,http,tcp"));
    args.addAll(inputOptions);
    args.addAll(List.of("-i", input, "-f", "framemd5", "-"));
    Tools.Result result = Tools.ffmpeg(workDir, args.toArray(String[]::new));
    if (result.exitCode() != 0) {
      throw new AssertionError("ffmpeg could not decode " + input + ": " + result.stderr());
    }
    return frameLines(result.stdout());
  }

  /** As {@link #ofPlaylist(Path, List, String)} without input options. */
  public static List<String> ofPlaylist(Path workDir, String input) {
    return ofPlaylist(workDir, List.of(), input);
  }

  /** The frame lines of ffmpeg's framemd5 output, without its header comments. */
  private static List<String> frameLines(String framemd5) {
    List<String> frames = new ArrayList<>();
    for (String line : framemd5.split("\n")) {
      if (!line.isBlank() && !line.startsWith("#")) {
        frames.add(line.trim());
      }
    }
    return frames;
  }
}
