package org.openvod.origin;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openvod.origin.http.HttpDates;
import org.openvod.origin.support.RawHttp.Response;

/** HTTP semantics of served objects: types, validators, ranges, HEAD, caching, gzip, CORS. */
class ServingTest extends OriginIntegrationTest {

  static final String IMMUTABLE = "public, max-age=31536000, immutable";

  final Map<String, byte[]> files = new LinkedHashMap<>();
  Published p;

  @BeforeEach
  void publish() {
    StringBuilder playlist =
        new StringBuilder("#EXTM3U\n#EXT-X-VERSION:3\n#EXT-X-TARGETDURATION:6\n");
    for (int i = 1; i <= 200; i++) {
      playlist.append("#EXTINF:6.000,\nindex_1_").append(i).append(".ts\n");
    }
    playlist.append("#EXT-X-ENDLIST\n");
    files.put("index.m3u8", playlist.toString().getBytes(StandardCharsets.UTF_8));
    files.put("index.mpd", "<?xml version=\"1.0\"?><MPD/>".getBytes(StandardCharsets.UTF_8));
    files.put("index_1_1.ts", bytes(188 * 100, 1));
    files.put("init.mp4", bytes(900, 2));
    files.put("seg_1.m4s", bytes(5000, 3));
    files.put(
        "subs_1.vtt", "WEBVTT\n\n00:00.000 --> 00:01.000\nhi\n".getBytes(StandardCharsets.UTF_8));
    files.put("index.ism/Manifest", "<SmoothStreamingMedia/>".getBytes(StandardCharsets.UTF_8));
    files.put("index.ism/QualityLevels(300000)/Fragments(video=0)", bytes(4000, 4));
    files.put("index.ism/QualityLevels(96000)/Fragments(audio=0)", bytes(1000, 5));
    files.put("big.ts", bytes(MAX_ENTRY_BYTES + 500_000, 6));
    p = playable(null, null, files);
  }

  @Test
  void contentTypePerKindAndExactBodies() {
    Map<String, String> types =
        Map.of(
            "index.m3u8", "application/vnd.apple.mpegurl",
            "index.mpd", "application/dash+xml",
            "index_1_1.ts", "video/MP2T",
            "init.mp4", "video/mp4",
            "seg_1.m4s", "video/mp4",
            "subs_1.vtt", "text/vtt",
            "index.ism/Manifest", "text/xml",
            "index.ism/QualityLevels(300000)/Fragments(video=0)", "video/mp4",
            "index.ism/QualityLevels(96000)/Fragments(audio=0)", "audio/mp4",
            "big.ts", "video/MP2T");
    types.forEach(
        (file, type) -> {
          Response r = get(p.path(file));
          assertThat(r.status()).as(file).isEqualTo(200);
          assertThat(r.header("content-type")).as(file).isEqualTo(type);
          assertThat(r.body()).as(file).isEqualTo(files.get(file));
          assertThat(r.header("content-length")).as(file).isEqualTo("" + files.get(file).length);
          assertThat(r.header("date")).as(file).isNotBlank();
        });
  }

  @Test
  void cacheControlByKind() {
    assertThat(get(p.path("index.m3u8")).header("cache-control")).isEqualTo("public, max-age=60");
    assertThat(get(p.path("index.mpd")).header("cache-control")).isEqualTo("public, max-age=60");
    assertThat(get(p.path("index.ism/Manifest")).header("cache-control"))
        .isEqualTo("public, max-age=60");
    assertThat(get(p.path("index_1_1.ts")).header("cache-control")).isEqualTo(IMMUTABLE);
    assertThat(get(p.path("init.mp4")).header("cache-control")).isEqualTo(IMMUTABLE);
    assertThat(get(p.path("seg_1.m4s")).header("cache-control")).isEqualTo(IMMUTABLE);
    assertThat(get(p.path("big.ts")).header("cache-control")).isEqualTo(IMMUTABLE);
    Response missing = get(p.path("nope.ts"));
    assertThat(missing.status()).isEqualTo(404);
    assertThat(missing.header("cache-control")).isEqualTo("no-store");
  }

  @Test
  void etagAndLastModifiedGive304() {
    for (String file : new String[] {"index_1_1.ts", "big.ts", "index.m3u8"}) {
      Response first = get(p.path(file));
      String etag = first.header("etag");
      String lastModified = first.header("last-modified");
      assertThat(etag).as(file).startsWith("\"").endsWith("\"");
      assertThat(HttpDates.parse(lastModified)).as(file).isNotNull();

      Response cond = get(p.path(file), "If-None-Match", etag);
      assertThat(cond.status()).as(file).isEqualTo(304);
      assertThat(cond.body()).isEmpty();
      assertThat(cond.header("etag")).isEqualTo(etag);
      assertThat(cond.header("cache-control")).isNotNull();

      assertThat(get(p.path(file), "If-None-Match", "\"other\", W/" + etag).status())
          .as("weak comparison in a list")
          .isEqualTo(304);
      assertThat(get(p.path(file), "If-None-Match", "\"other\"").status()).isEqualTo(200);
      assertThat(get(p.path(file), "If-Modified-Since", lastModified).status()).isEqualTo(304);
      assertThat(get(p.path(file), "If-Modified-Since", "Mon, 01 Jan 2001 00:00:00 GMT").status())
          .isEqualTo(200);
      assertThat(
              get(p.path(file), "If-None-Match", "\"other\"", "If-Modified-Since", lastModified)
                  .status())
          .as("If-None-Match wins over If-Modified-Since")
          .isEqualTo(200);
    }
  }

  @Test
  void singleRangeGives206AndUnsatisfiable416() {
    for (String file : new String[] {"seg_1.m4s", "big.ts"}) {
      byte[] all = files.get(file);
      Response r = get(p.path(file), "Range", "bytes=100-199");
      assertThat(r.status()).as(file).isEqualTo(206);
      assertThat(r.header("content-range")).isEqualTo("bytes 100-199/" + all.length);
      assertThat(r.header("content-length")).isEqualTo("100");
      assertThat(r.body()).isEqualTo(Arrays.copyOfRange(all, 100, 200));

      Response suffix = get(p.path(file), "Range", "bytes=-10");
      assertThat(suffix.status()).isEqualTo(206);
      assertThat(suffix.body()).isEqualTo(Arrays.copyOfRange(all, all.length - 10, all.length));

      Response open = get(p.path(file), "Range", "bytes=" + (all.length - 5) + "-");
      assertThat(open.status()).isEqualTo(206);
      assertThat(open.header("content-range"))
          .isEqualTo("bytes " + (all.length - 5) + "-" + (all.length - 1) + "/" + all.length);

      Response past = get(p.path(file), "Range", "bytes=" + all.length + "-");
      assertThat(past.status()).as(file).isEqualTo(416);
      assertThat(past.header("content-range")).isEqualTo("bytes */" + all.length);
      assertThat(past.body()).isEmpty();

      assertThat(get(p.path(file), "Range", "bytes=0-1,5-6").status())
          .as("several ranges: whole body")
          .isEqualTo(200);
      assertThat(get(p.path(file), "Range", "bytes=0-9", "If-Range", "\"stale\"").status())
          .as("If-Range with another ETag: whole body")
          .isEqualTo(200);
      String etag = get(p.path(file)).header("etag");
      assertThat(get(p.path(file), "Range", "bytes=0-9", "If-Range", etag).status()).isEqualTo(206);
    }
  }

  @Test
  void headHasHeadersWithoutBody() {
    for (String file : new String[] {"index_1_1.ts", "big.ts"}) {
      Response head = send("HEAD", p.path(file));
      Response get = get(p.path(file));
      assertThat(head.status()).isEqualTo(200);
      assertThat(head.body()).isEmpty();
      assertThat(head.header("content-length")).isEqualTo("" + files.get(file).length);
      assertThat(head.header("etag")).isEqualTo(get.header("etag"));
      assertThat(head.header("content-type")).isEqualTo(get.header("content-type"));
    }
    assertThat(send("HEAD", p.path("nope.ts")).status()).isEqualTo(404);
  }

  @Test
  void manifestsAreGzippedWhenAllowed() throws IOException {
    byte[] playlist = files.get("index.m3u8");
    Response gz = get(p.path("index.m3u8"), "Accept-Encoding", "gzip, deflate, br");
    assertThat(gz.header("content-encoding")).isEqualTo("gzip");
    assertThat(gz.header("vary")).containsIgnoringCase("accept-encoding");
    assertThat(Integer.parseInt(gz.header("content-length"))).isLessThan(playlist.length / 4);
    try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(gz.body()))) {
      assertThat(in.readAllBytes()).isEqualTo(playlist);
    }
    Response plain = get(p.path("index.m3u8"));
    assertThat(plain.header("content-encoding")).isNull();
    assertThat(plain.header("vary")).containsIgnoringCase("accept-encoding");
    assertThat(plain.header("etag")).isNotEqualTo(gz.header("etag"));
    assertThat(get(p.path("index.m3u8"), "Accept-Encoding", "gzip;q=0").header("content-encoding"))
        .isNull();
    assertThat(
            get(p.path("index.m3u8"), "If-None-Match", gz.header("etag"), "Accept-Encoding", "gzip")
                .status())
        .isEqualTo(304);
    Response segment = get(p.path("index_1_1.ts"), "Accept-Encoding", "gzip");
    assertThat(segment.header("content-encoding")).as("segments are not compressed").isNull();
    assertThat(segment.body()).isEqualTo(files.get("index_1_1.ts"));
  }

  @Test
  void corsForBrowserPlayers() {
    Response preflight =
        send(
            "OPTIONS",
            p.path("index_1_1.ts"),
            "Origin",
            "https://player.example",
            "Access-Control-Request-Method",
            "GET",
            "Access-Control-Request-Headers",
            "range");
    assertThat(preflight.status()).isIn(200, 204);
    assertThat(preflight.header("access-control-allow-origin")).isEqualTo("*");
    assertThat(preflight.header("access-control-allow-methods"))
        .contains("GET")
        .contains("HEAD")
        .contains("OPTIONS");
    assertThat(preflight.header("access-control-allow-headers").toLowerCase()).contains("range");

    Response r = get(p.path("seg_1.m4s"), "Origin", "https://player.example", "Range", "bytes=0-9");
    assertThat(r.header("access-control-allow-origin")).isEqualTo("*");
    assertThat(r.header("access-control-expose-headers"))
        .contains("Content-Length")
        .contains("Content-Range")
        .contains("ETag");
  }

  @Test
  void otherMethodsAreRefused() {
    Response post = send("POST", p.path("index.m3u8"));
    assertThat(post.status()).isEqualTo(405);
    assertThat(post.header("allow")).contains("GET");
    assertThat(send("DELETE", p.path("index.m3u8")).status()).isEqualTo(405);
  }
}
