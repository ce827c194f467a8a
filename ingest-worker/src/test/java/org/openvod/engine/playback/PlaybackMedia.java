package org.openvod.engine.playback;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.openvod.engine.source.mp4.Mp4TestMedia;
import org.openvod.engine.testing.TestMedia;

/**
 * The content of the playback suite. The engine's sources are the shared fixtures (made once per
 * build folder by ffmpeg): {@link TestMedia#threeRenditions()} (HLS-TS) and {@link
 * Mp4TestMedia#abr()} (MP4+SMIL), both 12 s, 640x360 / 480x270 / 320x180 with 2 s GOPs. Three
 * distinct heights let the harness see a forced switch on screen.
 *
 * <p>The oracle for the harness itself is ffmpeg's own packaging of the same content, copied or
 * remuxed into a folder of the test: {@code hls-ts/master.m3u8} and {@code
 * ffmpeg-dash/manifest.mpd}.
 */
final class PlaybackMedia {

  /** Video heights of both sources' renditions. */
  static final List<Integer> HEIGHTS = Arrays.stream(TestMedia.RENDITIONS).map(r -> r[1]).toList();

  static final String ORACLE_HLS = "hls-ts/" + TestMedia.MASTER;
  static final String ORACLE_DASH = "ffmpeg-dash/manifest.mpd";

  private PlaybackMedia() {}

  /** Folder and root file of the HLS-TS source. */
  static Path hlsTsSource() {
    return TestMedia.threeRenditions().resolve(TestMedia.MASTER);
  }

  /** Folder and root file of the MP4+SMIL source. */
  static Path smilSource() {
    return Mp4TestMedia.abr().resolve("abr.smil");
  }

  /** Writes the ffmpeg oracle (HLS-TS and DASH of the same content) under {@code dir}. */
  static void writeOracle(Path dir) {
    copyTree(TestMedia.threeRenditions(), dir.resolve("hls-ts"));
    Path dash = dir.resolve("ffmpeg-dash");
    Path abr = Mp4TestMedia.abr();
    try {
      Files.createDirectories(dash);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    org.openvod.engine.testing.Tools.ffmpegOk(
        dash,
        "-v",
        "error",
        "-i",
        abr.resolve(Mp4TestMedia.ABR[0]).toString(),
        "-i",
        abr.resolve(Mp4TestMedia.ABR[1]).toString(),
        "-i",
        abr.resolve(Mp4TestMedia.ABR[2]).toString(),
        "-map",
        "0:v",
        "-map",
        "1:v",
        "-map",
        "2:v",
        "-map",
        "0:a",
        "-c",
        "copy",
        "-f",
        "dash",
        "-seg_duration",
        "4",
        "-use_template",
        "1",
        "-use_timeline",
        "1",
        "-adaptation_sets",
        "id=0,streams=v id=1,streams=a",
        "manifest.mpd");
  }

  static void copyTree(Path from, Path to) {
    try (Stream<Path> files = Files.walk(from)) {
      for (Path source : (Iterable<Path>) files::iterator) {
        Path target = to.resolve(from.relativize(source).toString());
        if (Files.isDirectory(source)) {
          Files.createDirectories(target);
        } else {
          Files.copy(source, target, StandardCopyOption.REPLACE_EXISTING);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
