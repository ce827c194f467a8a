package org.openvod.engine.output.hls;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.openvod.engine.testing.Tools;

/** What ffmpeg decodes from a playlist: one framemd5 line per frame, header comments dropped. */
final class Decoded {

  private Decoded() {}

  /**
   * The frames of every stream of {@code input}, decoded (video as raw pictures, audio as PCM) and
   * hashed by ffmpeg.
   */
  static List<String> frames(Path workDir, String input, String... mapOptions) {
    return frames(workDir, List.of(), input, mapOptions);
  }

  /** As {@link #frames(Path, String, String...)}, with options for the input. */
  static List<String> frames(
      Path workDir, List<String> inputOptions, String input, String... mapOptions) {
    // a local playlist may only open local files; the key URI is http
    List<String> args =
        new ArrayList<>(List.of("-v", "error", "-protocol_whitelist", "file,crypto,data,http,tcp"));
    args.addAll(inputOptions);
    args.addAll(List.of("-i", input));
    args.addAll(List.of(mapOptions));
    args.addAll(List.of("-f", "framemd5", "-"));
    Tools.Result result = Tools.ffmpeg(workDir, args.toArray(String[]::new));
    if (result.exitCode() != 0) {
      throw new AssertionError("ffmpeg could not decode " + input + ": " + result.stderr());
    }
    List<String> frames = new ArrayList<>();
    for (String line : result.stdout().split("\n")) {
      if (!line.isBlank() && !line.startsWith("#")) {
        frames.add(line.trim());
      }
    }
    return frames;
  }
}
