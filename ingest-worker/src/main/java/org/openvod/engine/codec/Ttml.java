package org.openvod.engine.codec;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Writes the TTML document of one subtitle sample in the EBU-TT-D / IMSC1 text profile, as DASH
 * carries subtitles (ISO/IEC 14496-30 'stpp'): {@code tt} with its xml:lang, one region at the
 * bottom of the picture, and a {@code body/div/p} per cue with begin and end on the media timeline
 * (ttp:timeBase media, the track's media time), lines split by {@code <br/>}. WebVTT markup (b, i,
 * u, c, v, ruby, timestamps) is dropped: the text stays, its basic styling goes.
 *
 * <p>A cue that outlasts the sample is clipped to the sample's time: ISO/IEC 14496-30 presents a
 * sample's document only during the sample, so the clipped times say exactly what is shown, and a
 * player that does not clip (Shaka Player) never shows the same cue twice, overlapping.
 */
public final class Ttml {

  private static final Pattern TAG = Pattern.compile("<[^>]*>");

  private Ttml() {}

  /**
   * The document of the sample {@code [fromMillis, toMillis)}: every cue overlapping it, clipped;
   * an empty body when none does (the track's timeline has no holes).
   *
   * @param language BCP 47 / ISO 639 language, null or blank when unknown
   */
  public static byte[] document(
      String language, List<Srt.Cue> cues, long fromMillis, long toMillis) {
    return document(language, cues, fromMillis, toMillis, 0);
  }

  /**
   * Like {@link #document(String, List, long, long)}, with begin and end written relative to {@code
   * originMillis}: Smooth Streaming clients (dash.js's MSS support) add the text fragment's time to
   * the times of its TTML, so a Smooth text fragment counts from its own start.
   */
  public static byte[] document(
      String language, List<Srt.Cue> cues, long fromMillis, long toMillis, long originMillis) {
    StringBuilder s = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    s.append("<tt xmlns=\"http://www.w3.org/ns/ttml\"")
        .append(" xmlns:ttp=\"http://www.w3.org/ns/ttml#parameter\"")
        .append(" xmlns:tts=\"http://www.w3.org/ns/ttml#styling\"")
        .append(" xmlns:ttm=\"http://www.w3.org/ns/ttml#metadata\"")
        .append(" ttp:timeBase=\"media\" ttp:cellResolution=\"32 15\" xml:lang=\"")
        .append(XmlEscape.escape(language == null ? "" : language.strip()))
        .append("\">\n");
    s.append("<head><styling><style xml:id=\"s0\" tts:textAlign=\"center\"")
        .append(" tts:color=\"#FFFFFF\" tts:backgroundColor=\"#000000C2\"")
        .append(" tts:fontFamily=\"proportionalSansSerif\" tts:fontSize=\"100%\"")
        .append(" tts:lineHeight=\"normal\"/></styling>")
        .append("<layout><region xml:id=\"r0\" tts:origin=\"10% 10%\" tts:extent=\"80% 80%\"")
        .append(" tts:displayAlign=\"after\"/></layout></head>\n");
    StringBuilder paragraphs = new StringBuilder();
    for (Srt.Cue cue : cues) {
      long begin = Math.max(cue.startMillis(), fromMillis);
      long end = Math.min(cue.endMillis(), toMillis);
      if (end <= begin) {
        continue;
      }
      paragraphs
          .append("<p begin=\"")
          .append(WebVtt.time(begin - originMillis))
          .append("\" end=\"")
          .append(WebVtt.time(end - originMillis))
          .append("\">");
      for (int i = 0; i < cue.lines().size(); i++) {
        if (i > 0) {
          paragraphs.append("<br/>");
        }
        paragraphs.append(XmlEscape.escape(plainText(cue.lines().get(i))));
      }
      paragraphs.append("</p>\n");
    }
    if (paragraphs.length() == 0) {
      s.append("<body/>\n");
    } else {
      s.append("<body style=\"s0\" region=\"r0\"><div>\n").append(paragraphs);
      s.append("</div></body>\n");
    }
    return s.append("</tt>\n").toString().getBytes(StandardCharsets.UTF_8);
  }

  /** A WebVTT (or SRT) cue line without its markup, its character references resolved. */
  static String plainText(String line) {
    return TAG.matcher(line)
        .replaceAll("")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&nbsp;", "\u00A0")
        .replace("&lrm;", "\u200E")
        .replace("&rlm;", "\u200F")
        .replace("&amp;", "&");
  }
}
