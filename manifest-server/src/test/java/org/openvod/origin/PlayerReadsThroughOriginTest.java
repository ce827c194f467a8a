package org.openvod.origin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * ffprobe as an independent player: real HLS (TS) and DASH (fMP4) packages made by ffmpeg are
 * uploaded, and ffprobe opens them through the origin over HTTP, following playlists and segments.
 */
class PlayerReadsThroughOriginTest extends OriginIntegrationTest {

  @TempDir Path work;

  @Test
  void ffprobeOpensHlsAndDashThroughTheOrigin() throws Exception {
    assumeTrue(Files.isExecutable(Path.of("/usr/bin/ffmpeg")), "ffmpeg is not installed");
    Path hls = Files.createDirectories(work.resolve("hls"));
    run(
        "ffmpeg",
        "-hide_banner",
        "-loglevel",
        "error",
        "-y",
        "-f",
        "lavfi",
        "-i",
        "testsrc2=size=320x180:rate=25:duration=4",
        "-f",
        "lavfi",
        "-i",
        "sine=frequency=440:sample_rate=48000:duration=4",
        "-c:v",
        "libx264",
        "-preset",
        "ultrafast",
        "-g",
        "25",
        "-c:a",
        "aac",
        "-f",
        "hls",
        "-hls_time",
        "1",
        "-hls_playlist_type",
        "vod",
        "-hls_segment_filename",
        hls.resolve("index_%d.ts").toString(),
        hls.resolve("index.m3u8").toString());
    Path dash = Files.createDirectories(work.resolve("dash"));
    run(
        "ffmpeg",
        "-hide_banner",
        "-loglevel",
        "error",
        "-y",
        "-f",
        "lavfi",
        "-i",
        "testsrc2=size=320x180:rate=25:duration=4",
        "-c:v",
        "libx264",
        "-preset",
        "ultrafast",
        "-g",
        "25",
        "-f",
        "dash",
        "-seg_duration",
        "1",
        "-use_template",
        "1",
        "-use_timeline",
        "0",
        "-init_seg_name",
        "init_$RepresentationID$.mp4",
        "-media_seg_name",
        "seg_$RepresentationID$_$Number$.m4s",
        dash.resolve("index.mpd").toString());

    Published h = playable(null, null, filesOf(hls, "index.m3u8"));
    String probe =
        run(
            "ffprobe",
            "-v",
            "error",
            "-show_entries",
            "stream=codec_name:format=duration",
            "-of",
            "default=nw=1",
            "http://127.0.0.1:" + port + h.path("index.m3u8"));
    assertThat(probe).contains("codec_name=h264").contains("codec_name=aac");
    assertThat(duration(probe)).isBetween(3.5, 4.5);

    Published d = playable(null, null, filesOf(dash, "index.mpd"));
    String dashProbe =
        run(
            "ffprobe",
            "-v",
            "error",
            "-show_entries",
            "stream=codec_name,width,height",
            "-of",
            "default=nw=1",
            "http://127.0.0.1:" + port + d.path("index.mpd"));
    assertThat(dashProbe).contains("codec_name=h264").contains("width=320").contains("height=180");
    // ffprobe fetched every segment it needed through the origin: count them on S3's side
    assertThat(S3_PROXY.gets(h.assetHex() + "/")).isGreaterThanOrEqualTo(2);
  }

  private static Map<String, byte[]> filesOf(Path dir, String manifest) throws IOException {
    Map<String, byte[]> files = new LinkedHashMap<>();
    files.put(manifest, Files.readAllBytes(dir.resolve(manifest)));
    try (Stream<Path> list = Files.list(dir)) {
      for (Path f : list.sorted().toList()) {
        files.putIfAbsent(f.getFileName().toString(), Files.readAllBytes(f));
      }
    }
    return files;
  }

  private static double duration(String probe) {
    for (String line : probe.split("\n")) {
      if (line.startsWith("duration=")) {
        return Double.parseDouble(line.substring("duration=".length()).trim());
      }
    }
    throw new AssertionError("no duration in " + probe);
  }

  private static String run(String... command) throws Exception {
    List<String> cmd = new ArrayList<>(List.of(command));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    byte[] out = p.getInputStream().readAllBytes();
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    String text = new String(out, StandardCharsets.UTF_8);
    assertThat(p.exitValue()).as("%s: %s", cmd.get(0), text).isZero();
    return text;
  }
}
