package org.openvod.engine.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * HLS-TS sources made with ffmpeg at test time, under the build folder ({@code
 * <build>/test-media/<name>}), made once per build folder and reused. Every source is 12 s of
 * {@code testsrc2} video at 30 fps with 2 s GOPs (key frames every 60 frames, no scene cuts) and a
 * 48 kHz sine tone, in 4 s source segments. Each method returns the source folder; the root
 * playlist is {@link #MASTER} unless said otherwise.
 */
public final class TestMedia {

  public static final String MASTER = "master.m3u8";
  public static final double DURATION_SECONDS = 12;
  public static final int FRAME_RATE = 30;
  public static final int GOP_FRAMES = 60;

  /** Width, height and video bitrate of the three renditions, first to last. */
  public static final int[][] RENDITIONS = {
    {640, 360, 900_000}, {480, 270, 500_000}, {320, 180, 250_000}
  };

  /** Bump when a recipe changes, so cached media from older recipes are not reused. */
  private static final String RECIPES = "r2";

  private TestMedia() {}

  /** The build folder (target, target-x): where test classes are. */
  public static Path buildDir() {
    try {
      Path classes =
          Path.of(TestMedia.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      return classes.getParent();
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A fresh empty folder under the build folder for one test's output. */
  public static Path scratch(String name) {
    try {
      Path dir = buildDir().resolve("test-scratch").resolve(name);
      deleteTree(dir);
      Files.createDirectories(dir);
      return dir;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Three renditions (640x360, 480x270, 320x180), each H.264 (High-free Main profile, 2 B-frames)
   * with its own muxed AAC-LC stereo track; {@code master.m3u8} lists {@code v0/index.m3u8} ..
   * {@code v2/index.m3u8}, segments {@code v<n>/seg_<i>.ts}.
   */
  public static synchronized Path threeRenditions() {
    return make(
        "three-renditions",
        dir ->
            ladder(
                dir,
                "v:0,a:0 v:1,a:1 v:2,a:2",
                3,
                "-hls_segment_filename",
                "v%v/seg_%03d.ts",
                "-master_pl_name",
                MASTER,
                "v%v/index.m3u8"));
  }

  /**
   * Video-only variants v0..v2 and one AAC audio rendition ({@code EXT-X-MEDIA TYPE=AUDIO,
   * GROUP-ID="group_aud", NAME="English", LANGUAGE="en", DEFAULT=YES}) in folder {@code vEnglish}.
   */
  public static synchronized Path separateAudio() {
    return make(
        "separate-audio",
        dir -> {
          ladder(
              dir,
              "v:0,agroup:aud v:1,agroup:aud v:2,agroup:aud a:0,agroup:aud,name:English,language:en,default:yes",
              1,
              "-hls_segment_filename",
              "v%v/seg_%03d.ts",
              "-master_pl_name",
              MASTER,
              "v%v/index.m3u8");
          // ffmpeg names the rendition audio_3 whatever name: says; a real source names it
          Path master = dir.resolve(MASTER);
          Files.writeString(
              master, Files.readString(master).replace("NAME=\"audio_3\"", "NAME=\"English\""));
        });
  }

  /** Like {@link #threeRenditions} but only {@code v0} carries audio; v1 and v2 are video only. */
  public static synchronized Path audioInFirstOnly() {
    return make(
        "audio-in-first-only",
        dir ->
            ladder(
                dir,
                "v:0,a:0 v:1 v:2",
                1,
                "-hls_segment_filename",
                "v%v/seg_%03d.ts",
                "-master_pl_name",
                MASTER,
                "v%v/index.m3u8"));
  }

  /**
   * Like {@link #threeRenditions} but each variant is one {@code v<n>/all.ts} with EXT-X-BYTERANGE.
   */
  public static synchronized Path byteRange() {
    return make(
        "byte-range",
        dir ->
            ladder(
                dir,
                "v:0,a:0 v:1,a:1 v:2,a:2",
                3,
                "-hls_flags",
                "single_file",
                "-hls_segment_filename",
                "v%v/all.ts",
                "-master_pl_name",
                MASTER,
                "v%v/index.m3u8"));
  }

  /**
   * {@link #threeRenditions} with 188 bytes of garbage written over {@code v1/seg_001.ts} at 64
   * KiB.
   */
  public static synchronized Path brokenTs() {
    return variantOf(
        "broken-ts",
        dir -> {
          Path segment = dir.resolve("v1/seg_001.ts");
          byte[] data = Files.readAllBytes(segment);
          for (int i = 0; i < 188; i++) {
            data[65536 + i] = (byte) (0x11 + i);
          }
          Files.write(segment, data);
        });
  }

  /** {@link #threeRenditions} with {@code v2/seg_002.ts} deleted. */
  public static synchronized Path missingSegment() {
    return variantOf("missing-segment", dir -> Files.delete(dir.resolve("v2/seg_002.ts")));
  }

  /**
   * {@link #threeRenditions} whose {@code v0/index.m3u8} has no EXT-X-ENDLIST (a live playlist).
   */
  public static synchronized Path livePlaylist() {
    return variantOf(
        "live-playlist",
        dir -> {
          Path playlist = dir.resolve("v0/index.m3u8");
          String text = Files.readString(playlist).replace("#EXT-X-ENDLIST", "");
          Files.writeString(
              playlist, text.replace("#EXT-X-PLAYLIST-TYPE:VOD", "#EXT-X-PLAYLIST-TYPE:EVENT"));
        });
  }

  /**
   * {@link #threeRenditions} whose {@code v1/index.m3u8} says its segments are AES-128 encrypted.
   */
  public static synchronized Path encryptedPlaylist() {
    return variantOf(
        "encrypted",
        dir -> {
          Path playlist = dir.resolve("v1/index.m3u8");
          String text =
              Files.readString(playlist)
                  .replace(
                      "#EXT-X-PLAYLIST-TYPE:VOD",
                      "#EXT-X-PLAYLIST-TYPE:VOD\n#EXT-X-KEY:METHOD=AES-128,URI=\"key.bin\"");
          Files.writeString(playlist, text);
        });
  }

  /** One H.264 rendition with MP3 audio; root playlist {@code index.m3u8}. */
  public static synchronized Path mp3Audio() {
    return make(
        "mp3-audio",
        dir ->
            single(
                dir,
                List.of("-c:v", "libx264", "-preset", "ultrafast", "-g", "60"),
                List.of("-map", "0:v", "-map", "1:a", "-c:a", "libmp3lame", "-b:a", "64k")));
  }

  /** One MPEG-2 video rendition with AAC audio; root playlist {@code index.m3u8}. */
  public static synchronized Path mpeg2Video() {
    return make(
        "mpeg2-video",
        dir ->
            single(
                dir,
                List.of("-c:v", "mpeg2video", "-g", "60"),
                List.of("-map", "0:v", "-map", "1:a", "-c:a", "aac", "-b:a", "64k")));
  }

  /** One H.264 rendition with 20 AAC tracks (21 streams); root playlist {@code index.m3u8}. */
  public static synchronized Path tooManyStreams() {
    return make(
        "too-many-streams",
        dir -> {
          List<String> maps = new ArrayList<>(List.of("-map", "0:v"));
          for (int i = 0; i < 20; i++) {
            maps.addAll(List.of("-map", "1:a"));
          }
          maps.addAll(List.of("-c:a", "aac", "-b:a", "32k"));
          single(dir, List.of("-c:v", "libx264", "-preset", "ultrafast", "-g", "60"), maps);
        });
  }

  /** One H.265 (x265 Main, 2 s GOPs) rendition with AAC audio; root playlist {@code index.m3u8}. */
  public static synchronized Path hevcVideo() {
    return make(
        "hevc-video",
        dir ->
            single(
                dir,
                List.of(
                    "-c:v",
                    "libx265",
                    "-preset",
                    "ultrafast",
                    "-x265-params",
                    "log-level=error:keyint=60:min-keyint=60:scenecut=0:bframes=2"),
                List.of("-map", "0:v", "-map", "1:a", "-c:a", "aac", "-b:a", "64k")));
  }

  /**
   * One H.265 Main 10 rendition with HDR10 signalling (BT.2020 primaries, PQ transfer in the SPS;
   * mastering display and content light level SEI) and AAC audio; root playlist {@code index.m3u8}.
   */
  public static synchronized Path hdr10Video() {
    return make(
        "hdr10-video",
        dir ->
            single(
                dir,
                List.of(
                    "-pix_fmt",
                    "yuv420p10le",
                    "-c:v",
                    "libx265",
                    "-preset",
                    "ultrafast",
                    "-x265-params",
                    "log-level=error:keyint=60:min-keyint=60:scenecut=0:bframes=2:hdr10=1"
                        + ":hdr10-opt=1:repeat-headers=1:colorprim=bt2020:transfer=smpte2084"
                        + ":colormatrix=bt2020nc"
                        + ":master-display=G(13250,34500)B(7500,3000)R(34000,16000)"
                        + "WP(15635,16450)L(10000000,1):max-cll=1000,400"),
                List.of("-map", "0:v", "-map", "1:a", "-c:a", "aac", "-b:a", "64k")));
  }

  /** One H.264 rendition with E-AC-3 audio; root playlist {@code index.m3u8}. */
  public static synchronized Path eac3Audio() {
    return make(
        "eac3-audio",
        dir ->
            single(
                dir,
                List.of("-c:v", "libx264", "-preset", "ultrafast", "-g", "60"),
                List.of("-map", "0:v", "-map", "1:a", "-c:a", "eac3", "-b:a", "96k")));
  }

  /**
   * One H.264 + AAC rendition whose 33-bit TS timestamps wrap around to 0 during its second segment
   * (ffmpeg's -output_ts_offset puts the start 3.5 s before 2^33 ticks); root playlist {@code
   * index.m3u8}.
   */
  public static synchronized Path timestampWrap() {
    return make(
        "timestamp-wrap",
        dir ->
            single(
                dir,
                List.of("-c:v", "libx264", "-preset", "ultrafast", "-bf", "2", "-g", "60"),
                List.of(
                    "-map",
                    "0:v",
                    "-map",
                    "1:a",
                    "-c:a",
                    "aac",
                    "-b:a",
                    "64k",
                    "-output_ts_offset",
                    "95440")));
  }

  /**
   * One H.264 + AAC variant {@code v0/index.m3u8} with an English WebVTT subtitle rendition ({@code
   * EXT-X-MEDIA TYPE=SUBTITLES, GROUP-ID="subs", LANGUAGE="en"}, segments {@code v0/index<i>.vtt},
   * cues at 1, 5 and 9 s); root playlist {@link #MASTER}.
   */
  public static synchronized Path withSubtitles() {
    return make(
        "with-subtitles",
        dir -> {
          Files.writeString(
              dir.resolve("subs.srt"),
              "1\n00:00:01,000 --> 00:00:03,000\nHello\n\n"
                  + "2\n00:00:05,000 --> 00:00:07,000\nWorld\n\n"
                  + "3\n00:00:09,000 --> 00:00:11,000\nBye\n");
          // -t must follow the last input, or it would limit subs.srt and the lavfi inputs run on
          List<String> args = new ArrayList<>(inputs().subList(0, inputs().size() - 2));
          args.addAll(
              List.of(
                  "-i",
                  "subs.srt",
                  "-t",
                  String.valueOf((int) DURATION_SECONDS),
                  "-map",
                  "0:v",
                  "-map",
                  "1:a",
                  "-map",
                  "2:s",
                  "-c:v",
                  "libx264",
                  "-preset",
                  "ultrafast",
                  "-g",
                  "60",
                  "-c:a",
                  "aac",
                  "-b:a",
                  "64k",
                  "-c:s",
                  "webvtt",
                  "-f",
                  "hls",
                  "-hls_time",
                  "4",
                  "-hls_playlist_type",
                  "vod",
                  "-hls_segment_filename",
                  "v%v/seg_%03d.ts",
                  "-master_pl_name",
                  MASTER,
                  "-var_stream_map",
                  "v:0,a:0,s:0,sgroup:subs,language:en",
                  "v%v/index.m3u8"));
          Tools.ffmpegOk(dir, args.toArray(String[]::new));
        });
  }

  /** One H.264 rendition with AC-3 audio; root playlist {@code index.m3u8}. */
  public static synchronized Path ac3Audio() {
    return make(
        "ac3-audio",
        dir ->
            single(
                dir,
                List.of("-c:v", "libx264", "-preset", "ultrafast", "-g", "60"),
                List.of("-map", "0:v", "-map", "1:a", "-c:a", "ac3", "-b:a", "128k")));
  }

  /** Audio only (AAC in TS); root playlist {@code index.m3u8}. */
  public static synchronized Path audioOnly() {
    return make(
        "audio-only",
        dir -> single(dir, List.of(), List.of("-map", "1:a", "-c:a", "aac", "-b:a", "64k")));
  }

  // ---------------------------------------------------------------------------------------------

  @FunctionalInterface
  private interface Maker {
    void make(Path dir) throws Exception;
  }

  private static Path make(String name, Maker maker) {
    Path dir = buildDir().resolve("test-media").resolve(RECIPES).resolve(name);
    Path done = dir.resolve(".done");
    if (Files.exists(done)) {
      return dir;
    }
    try {
      deleteTree(dir);
      Files.createDirectories(dir);
      maker.make(dir);
      Files.writeString(done, "ok");
      return dir;
    } catch (RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new IllegalStateException("cannot make test media " + name + ": " + e, e);
    }
  }

  private static Path variantOf(String name, Maker change) {
    Path base = threeRenditions();
    return make(
        name,
        dir -> {
          copyTree(base, dir);
          Files.deleteIfExists(dir.resolve(".done"));
          change.make(dir);
        });
  }

  private static List<String> inputs() {
    return List.of(
        "-f",
        "lavfi",
        "-i",
        "testsrc2=size=640x360:rate=" + FRAME_RATE,
        "-f",
        "lavfi",
        "-i",
        "sine=frequency=440:sample_rate=48000,aeval=val(0)|val(0):c=stereo",
        "-t",
        String.valueOf((int) DURATION_SECONDS));
  }

  private static List<String> x264(int renditions) {
    List<String> args = new ArrayList<>();
    args.addAll(
        List.of(
            "-c:v",
            "libx264",
            "-preset",
            "ultrafast",
            "-bf",
            "2",
            "-g",
            String.valueOf(GOP_FRAMES),
            "-keyint_min",
            String.valueOf(GOP_FRAMES),
            "-sc_threshold",
            "0",
            "-threads",
            "1"));
    for (int i = 0; i < renditions; i++) {
      args.addAll(List.of("-b:v:" + i, String.valueOf(RENDITIONS[i][2])));
    }
    return args;
  }

  private static void ladder(Path dir, String streamMap, int audioCopies, String... output) {
    List<String> args = new ArrayList<>(inputs());
    args.addAll(
        List.of(
            "-filter_complex",
            "[0:v]split=3[a][b][c];[b]scale=480:270[b2];[c]scale=320:180[c2]",
            "-map",
            "[a]",
            "-map",
            "[b2]",
            "-map",
            "[c2]"));
    for (int i = 0; i < audioCopies; i++) {
      args.addAll(List.of("-map", "1:a"));
    }
    args.addAll(x264(3));
    args.addAll(
        List.of(
            "-c:a",
            "aac",
            "-b:a",
            "64k",
            "-f",
            "hls",
            "-hls_time",
            "4",
            "-hls_playlist_type",
            "vod",
            "-var_stream_map",
            streamMap));
    args.addAll(List.of(output));
    Tools.ffmpegOk(dir, args.toArray(String[]::new));
  }

  private static void single(Path dir, List<String> video, List<String> mapsAndAudio) {
    List<String> args = new ArrayList<>(inputs());
    args.addAll(mapsAndAudio);
    args.addAll(video);
    args.addAll(
        List.of(
            "-f",
            "hls",
            "-hls_time",
            "4",
            "-hls_playlist_type",
            "vod",
            "-hls_segment_filename",
            "seg_%03d.ts",
            "index.m3u8"));
    Tools.ffmpegOk(dir, args.toArray(String[]::new));
  }

  private static void copyTree(Path from, Path to) throws IOException {
    try (Stream<Path> files = Files.walk(from)) {
      for (Path source : (Iterable<Path>) files::iterator) {
        Path target = to.resolve(from.relativize(source).toString());
        if (Files.isDirectory(source)) {
          Files.createDirectories(target);
        } else {
          Files.copy(source, target, StandardCopyOption.REPLACE_EXISTING);
        }
      }
    }
  }

  public static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> files = Files.walk(dir)) {
      List<Path> all = files.sorted((a, b) -> b.getNameCount() - a.getNameCount()).toList();
      for (Path p : all) {
        Files.delete(p);
      }
    }
  }

  /** A text file of a source, for tests that read playlists. */
  public static String read(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
