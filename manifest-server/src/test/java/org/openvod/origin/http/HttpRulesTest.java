package org.openvod.origin.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The small HTTP rules the origin applies: ranges, preconditions, gzip negotiation, types. */
class HttpRulesTest {

  @Test
  void ranges() {
    assertThat(ByteRange.parse("bytes=0-9", 100))
        .isEqualTo(new ByteRange.Partial(new ByteRange(0, 9)));
    assertThat(ByteRange.parse("bytes=90-", 100))
        .isEqualTo(new ByteRange.Partial(new ByteRange(90, 99)));
    assertThat(ByteRange.parse("bytes=-10", 100))
        .isEqualTo(new ByteRange.Partial(new ByteRange(90, 99)));
    assertThat(ByteRange.parse("bytes=-500", 100))
        .isEqualTo(new ByteRange.Partial(new ByteRange(0, 99)));
    assertThat(ByteRange.parse("bytes=50-5000", 100))
        .isEqualTo(new ByteRange.Partial(new ByteRange(50, 99)));
    assertThat(ByteRange.parse("bytes=100-", 100)).isInstanceOf(ByteRange.Unsatisfiable.class);
    assertThat(ByteRange.parse("bytes=100-200", 100)).isInstanceOf(ByteRange.Unsatisfiable.class);
    assertThat(ByteRange.parse("bytes=-0", 100)).isInstanceOf(ByteRange.Unsatisfiable.class);
    assertThat(ByteRange.parse("bytes=9-1", 100)).isInstanceOf(ByteRange.Whole.class);
    assertThat(ByteRange.parse("bytes=0-1,3-4", 100)).isInstanceOf(ByteRange.Whole.class);
    assertThat(ByteRange.parse("items=0-1", 100)).isInstanceOf(ByteRange.Whole.class);
    assertThat(ByteRange.parse("bytes=a-b", 100)).isInstanceOf(ByteRange.Whole.class);
    assertThat(ByteRange.parse("bytes=+1-2", 100)).isInstanceOf(ByteRange.Whole.class);
    assertThat(ByteRange.parse(null, 100)).isInstanceOf(ByteRange.Whole.class);
    assertThat(new ByteRange(90, 99).contentRange(100)).isEqualTo("bytes 90-99/100");
  }

  @Test
  void preconditions() {
    Instant modified = Instant.parse("2026-01-02T03:04:05Z");
    String date = HttpDates.format(modified);
    assertThat(date).isEqualTo("Fri, 2 Jan 2026 03:04:05 GMT");
    assertThat(Preconditions.notModified("\"a\"", null, modified, "\"a\"")).isTrue();
    assertThat(Preconditions.notModified("W/\"a\"", null, modified, "\"a\"")).isTrue();
    assertThat(Preconditions.notModified("*", null, modified, "\"a\"")).isTrue();
    assertThat(Preconditions.notModified("\"b\"", date, modified, "\"a\"")).isFalse();
    assertThat(Preconditions.notModified(null, date, modified, "\"a\"")).isTrue();
    assertThat(
            Preconditions.notModified(
                null, HttpDates.format(modified.minusSeconds(1)), modified, "\"a\""))
        .isFalse();
    assertThat(Preconditions.notModified(null, "garbage", modified, "\"a\"")).isFalse();
    assertThat(Preconditions.rangeAllowed(null, "\"a\"", modified)).isTrue();
    assertThat(Preconditions.rangeAllowed("\"a\"", "\"a\"", modified)).isTrue();
    assertThat(Preconditions.rangeAllowed("W/\"a\"", "\"a\"", modified)).isFalse();
    assertThat(Preconditions.rangeAllowed(date, "\"a\"", modified)).isTrue();
    assertThat(
            Preconditions.rangeAllowed(
                HttpDates.format(modified.plusSeconds(5)), "\"a\"", modified))
        .isFalse();
  }

  @Test
  void gzipNegotiation() {
    assertThat(AcceptEncoding.allowsGzip("gzip, deflate, br")).isTrue();
    assertThat(AcceptEncoding.allowsGzip("br;q=1.0, gzip;q=0.8")).isTrue();
    assertThat(AcceptEncoding.allowsGzip("gzip;q=0")).isFalse();
    assertThat(AcceptEncoding.allowsGzip("*")).isTrue();
    assertThat(AcceptEncoding.allowsGzip("*, gzip;q=0")).isFalse();
    assertThat(AcceptEncoding.allowsGzip("identity")).isFalse();
    assertThat(AcceptEncoding.allowsGzip(null)).isFalse();
  }

  @Test
  void mediaKinds() {
    assertThat(MediaKind.of("index.m3u8").contentType()).isEqualTo("application/vnd.apple.mpegurl");
    assertThat(MediaKind.of("index_1.M3U8")).isEqualTo(MediaKind.HLS_PLAYLIST);
    assertThat(MediaKind.of("index.mpd").contentType()).isEqualTo("application/dash+xml");
    assertThat(MediaKind.of("a/b_1.ts").contentType()).isEqualTo("video/MP2T");
    assertThat(MediaKind.of("init.mp4").contentType()).isEqualTo("video/mp4");
    assertThat(MediaKind.of("seg.m4s").contentType()).isEqualTo("video/mp4");
    assertThat(MediaKind.of("sub.vtt").contentType()).isEqualTo("text/vtt");
    assertThat(MediaKind.of("index.ism/Manifest").contentType()).isEqualTo("text/xml");
    assertThat(MediaKind.of("index.ism/QualityLevels(1)/Fragments(video=0)").contentType())
        .isEqualTo("video/mp4");
    assertThat(MediaKind.of("index.ism/QualityLevels(1)/Fragments(audio_eng=0)").contentType())
        .isEqualTo("audio/mp4");
    assertThat(MediaKind.of("Manifest")).isEqualTo(MediaKind.OTHER);
    assertThat(MediaKind.of("index.m3u8").isManifest()).isTrue();
    assertThat(MediaKind.of("index.ism/Manifest").isManifest()).isTrue();
    assertThat(MediaKind.of("a.ts").isManifest()).isFalse();
  }
}
