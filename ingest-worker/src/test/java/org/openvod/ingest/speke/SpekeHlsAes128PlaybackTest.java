package org.openvod.ingest.speke;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openvod.engine.encrypt.HlsAes128SegmentEncryptor;
import org.openvod.engine.testing.Tools;

/**
 * The whole HLS AES-128 path as the worker will wire it: a SPEKE v1 key with its explicit IV and
 * URIExtXKey encrypts the segments, and ffmpeg, fetching the key from the key server's URI over
 * HTTP, decodes exactly the clear frames.
 */
class SpekeHlsAes128PlaybackTest {

  @TempDir Path dir;

  @Test
  void aSpekeKeyEncryptsSegmentsThatPlayWithTheKeyFromItsUri() throws Exception {
    try (TestKeyServer server = new TestKeyServer()) {
      SpekeKeys keys =
          new SpekeClient()
              .fetch(server.uri("/speke"), KeyRequest.v1("asset", List.of(DrmSystems.HLS_AES_128)));
      DeliveredKey delivered = keys.forVideo(160, 90).orElseThrow();
      String keyUri = delivered.drm().get(DrmSystems.HLS_AES_128).uriExtXKey();
      HlsAes128SegmentEncryptor encryptor = new HlsAes128SegmentEncryptor(delivered.key(), keyUri);
      assertTrue(encryptor.extXKey().contains(",IV=0x"), "SPEKE gave an explicit IV");

      Path clear = Files.createDirectories(dir.resolve("clear"));
      Tools.ffmpegOk(
          clear,
          "-f",
          "lavfi",
          "-i",
          "testsrc=size=160x90:rate=25",
          "-t",
          "2",
          "-c:v",
          "libx264",
          "-g",
          "25",
          "-f",
          "hls",
          "-hls_time",
          "1",
          "-hls_list_size",
          "0",
          "-hls_segment_filename",
          "s%d.ts",
          "p.m3u8");
      Path out = Files.createDirectories(dir.resolve("enc"));
      List<String> lines = new ArrayList<>();
      long sequence = 0;
      for (String line : Files.readAllLines(clear.resolve("p.m3u8"))) {
        if (line.startsWith("#EXTINF") && !lines.contains(encryptor.extXKey())) {
          lines.add(encryptor.extXKey());
        }
        if (!line.isBlank() && !line.startsWith("#")) {
          Files.write(
              out.resolve(line),
              encryptor.encrypt(Files.readAllBytes(clear.resolve(line)), sequence++));
        }
        lines.add(line);
      }
      Files.write(out.resolve("p.m3u8"), lines);

      String expected = Tools.ffmpegOk(clear, "-i", "p.m3u8", "-f", "framemd5", "-").stdout();
      String played =
          Tools.ffmpegOk(
                  out,
                  "-protocol_whitelist",
                  "file,crypto,data,http,tcp",
                  "-i",
                  "p.m3u8",
                  "-f",
                  "framemd5",
                  "-")
              .stdout();
      assertEquals(expected, played);
    }
  }
}
