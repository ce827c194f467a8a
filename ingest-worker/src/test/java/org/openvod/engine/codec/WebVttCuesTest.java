package org.openvod.engine.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** WebVTT cues onto the media timeline, and their text as TTML. */
class WebVttCuesTest {

  private static List<Srt.Cue> parse(String document, long referencePts) {
    return WebVttCues.parse(document.getBytes(StandardCharsets.UTF_8), referencePts);
  }

  @Test
  void theTimestampMapMovesCuesOntoTheMediaClock() {
    String vtt =
        "WEBVTT\nX-TIMESTAMP-MAP=LOCAL:00:00:01.000,MPEGTS:900000\n\n"
            + "NOTE a comment 00:00:01.000 --> 00:00:02.000\n\n"
            + "cue-id\n00:00:02.500 --> 00:00:03.250 align:start\n<v Bob>Hi</v> &amp; bye\n";
    // MPEGTS 900000 = 10 s is LOCAL 1 s: LOCAL 2.5 s is 11.5 s
    assertEquals(
        List.of(new Srt.Cue(11_500, 12_250, List.of("<v Bob>Hi</v> &amp; bye"))), parse(vtt, 0));
  }

  @Test
  void aMapPastThe33BitWrapFollowsTheUnwrappedSampleTime() {
    String vtt =
        "WEBVTT\nX-TIMESTAMP-MAP=MPEGTS:90000,LOCAL:00:00:00.000\n\n00:00.000 --> 00:01.000\nx\n";
    long wrap = 1L << 33;
    // the demuxer unwrapped the sample to just past the wrap: the cue follows it
    assertEquals(Math.round((wrap + 90000) / 90.0), parse(vtt, wrap + 10).get(0).startMillis());
    assertEquals(1000, parse(vtt, 0).get(0).startMillis());
  }

  @Test
  void withoutAMapCueTimesAreMediaTimesAndBrokenBlocksAreSkipped() {
    String vtt =
        "WEBVTT\n\n00:01.000 --> 00:02.000\none\ntwo\n\n"
            + "99999999999999999999:00:00.000 --> 00:00:01.000\nhuge\n\n"
            + "00:05.000 --> 00:04.000\nbackwards\n";
    assertEquals(List.of(new Srt.Cue(1000, 2000, List.of("one", "two"))), parse(vtt, 123456));
  }

  @Test
  void ttmlKeepsTheTextDropsTheMarkupAndClipsToTheSample() {
    List<Srt.Cue> cues =
        List.of(
            new Srt.Cue(1000, 5000, List.of("<b>A</b> &amp; <c.red>B</c> &lt;3", "second")),
            new Srt.Cue(7000, 8000, List.of("later")));
    String doc = new String(Ttml.document("en", cues, 4000, 6000), StandardCharsets.UTF_8);
    assertTrue(doc.contains("xml:lang=\"en\""), doc);
    assertTrue(
        doc.contains(
            "<p begin=\"00:00:04.000\" end=\"00:00:05.000\">A &amp; B &lt;3<br/>second</p>"),
        doc);
    assertTrue(!doc.contains("later"), doc);
    String empty = new String(Ttml.document("en", cues, 5000, 7000), StandardCharsets.UTF_8);
    assertTrue(empty.contains("<body/>") && !empty.contains("<p"), empty);
  }
}
