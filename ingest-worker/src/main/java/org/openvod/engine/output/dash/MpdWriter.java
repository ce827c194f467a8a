package org.openvod.engine.output.dash;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.openvod.engine.codec.ColourDescription;
import org.openvod.engine.output.ManifestSpec;
import org.openvod.engine.output.fmp4.FragmentedTrack;
import org.openvod.engine.output.fmp4.SegmentLog;
import org.openvod.engine.output.fmp4.XmlText;

/**
 * Writes one static MPD: one Period (or, with periodTriggers ADS, one per ad break boundary, each
 * with the segments of its time and an EventStream of its SCTE-35 markers); one video AdaptationSet
 * with a Representation per selected video track; one audio AdaptationSet per language; and, for
 * trick play, an AdaptationSet of the key frames marked with the DASH-IF trickmode
 * EssentialProperty. FULL layout puts a SegmentTemplate in each Representation; COMPACT puts one in
 * the AdaptationSet when every Representation of the set shares its timeline.
 */
final class MpdWriter {

  static final String LIVE_PROFILE = "urn:mpeg:dash:profile:isoff-live:2011";
  static final String HBBTV_PROFILE = "urn:hbbtv:dash:profile:isoff-live:2012";

  private final ManifestSpec manifest;
  private final int segmentSeconds;
  private final SegmentTemplateFormat template;
  private final Map<FragmentedTrack, SegmentLog> logs;
  private final Map<FragmentedTrack, SegmentLog> trickLogs;
  private final boolean compact;
  private double start;

  /** The Periods to write (periodTriggers ADS), and the one being written. */
  private List<DashPeriods.Window> windows = List.of(DashPeriods.Window.whole());

  private DashPeriods.Window window = windows.get(0);

  /** The video's CEA-608 services as the Accessibility value ("CC1=eng"), empty for none. */
  private String captions = "";

  /** Subtitle tracks (TTML in MP4), written as one text AdaptationSet per language. */
  private List<DashSubtitles.Written> subtitles = List.of();

  MpdWriter(
      ManifestSpec manifest,
      int segmentSeconds,
      SegmentTemplateFormat template,
      Map<FragmentedTrack, SegmentLog> logs,
      Map<FragmentedTrack, SegmentLog> trickLogs) {
    this.manifest = manifest;
    this.segmentSeconds = segmentSeconds;
    this.template = template;
    this.logs = logs;
    this.trickLogs = trickLogs;
    this.compact = "COMPACT".equals(manifest.dashManifestLayout());
  }

  /** Signals CEA-608 captions in the video adaptation sets. */
  MpdWriter captions(String accessibilityValue) {
    this.captions = accessibilityValue == null ? "" : accessibilityValue;
    return this;
  }

  /** Adds the subtitle tracks' text adaptation sets (after every other set). */
  MpdWriter subtitles(List<DashSubtitles.Written> texts) {
    this.subtitles = List.copyOf(texts);
    return this;
  }

  /** Writes one Period per window (ad breaks with periodTriggers ADS) instead of one. */
  MpdWriter periods(List<DashPeriods.Window> periods) {
    this.windows = List.copyOf(periods);
    return this;
  }

  /**
   * @param start earliest segment start of all tracks, in seconds: the period's time 0
   * @param duration longest track, in seconds
   */
  String write(
      List<FragmentedTrack> videos,
      Map<String, List<FragmentedTrack>> audioByLanguage,
      double start,
      double duration) {
    this.start = start;
    XmlText xml = new XmlText();
    boolean hbbtv = "HBBTV_1_5".equals(manifest.dashProfile());
    int minBuffer =
        manifest.minBufferTimeSeconds() > 0 ? manifest.minBufferTimeSeconds() : 2 * segmentSeconds;
    xml.start("MPD")
        .attr("xmlns", "urn:mpeg:dash:schema:mpd:2011")
        .attr("profiles", hbbtv ? LIVE_PROFILE + "," + HBBTV_PROFILE : LIVE_PROFILE)
        .attr("type", "static")
        .attr("mediaPresentationDuration", duration(duration))
        .attr("minBufferTime", "PT" + minBuffer + "S");
    if (DashProtection.any(logs.keySet())) {
      xml.attr("xmlns:cenc", DashProtection.CENC_NAMESPACE)
          .attr("xmlns:mspr", DashProtection.PLAYREADY_NAMESPACE);
    }
    for (DashPeriods.Window w : windows) {
      window = w;
      xml.start("Period")
          .attr("id", w.id())
          .attr("start", w.first() == 0 ? "PT0S" : duration(w.startSeconds()));
      eventStream(xml, w);
      int nextId = 1;
      // one adaptation set per key: a set declares one default_KID (clear output: one set)
      List<List<FragmentedTrack>> videoSets = DashProtection.byKey(videos);
      List<Integer> videoSetIds = new java.util.ArrayList<>();
      for (List<FragmentedTrack> set : videoSets) {
        videoSetIds.add(nextId);
        adaptationSet(xml, nextId++, set, "video", null, false);
      }
      boolean first = true;
      for (Map.Entry<String, List<FragmentedTrack>> e : audioByLanguage.entrySet()) {
        for (List<FragmentedTrack> set : DashProtection.byKey(e.getValue())) {
          adaptationSet(xml, nextId++, set, "audio", e.getKey(), first);
          first = false;
        }
      }
      if (trickLogs != null) {
        for (int i = 0; i < videoSets.size(); i++) {
          trickSet(xml, nextId++, videoSetIds.get(i), videoSets.get(i));
        }
      }
      for (List<DashSubtitles.Written> set : DashSubtitles.byLanguage(subtitles)) {
        textSet(xml, nextId++, set);
      }
      xml.end("Period");
    }
    xml.end("MPD");
    return xml.toString();
  }

  private void adaptationSet(
      XmlText xml,
      int id,
      List<FragmentedTrack> tracks,
      String type,
      String language,
      boolean mainAudio) {
    boolean video = type.equals("video");
    xml.start("AdaptationSet")
        .attr("id", id)
        .attr("contentType", type)
        .attr("mimeType", type + "/mp4")
        .attr("segmentAlignment", "true")
        .attr("startWithSAP", 1);
    if (language != null) {
      xml.attr("lang", language);
    }
    if (video) {
      xml.attr("maxWidth", tracks.stream().mapToInt(t -> t.info().width()).max().orElse(0));
      xml.attr("maxHeight", tracks.stream().mapToInt(t -> t.info().height()).max().orElse(0));
      xml.attr("par", aspectRatio(tracks.get(0)));
    }
    DashProtection.write(xml, tracks.get(0).protection());
    if (video) {
      hdrProperties(xml, tracks.get(0));
    }
    if (video && !captions.isEmpty()) {
      xml.start("Accessibility")
          .attr("schemeIdUri", org.openvod.engine.output.ClosedCaptions.DASH_SCHEME)
          .attr("value", captions);
      xml.end("Accessibility");
    }
    if (mainAudio) {
      xml.start("Role").attr("schemeIdUri", "urn:mpeg:dash:role:2011").attr("value", "main");
      xml.end("Role");
    }
    boolean shared = compact && sharesTimeline(tracks, logs);
    if (shared) {
      segmentTemplate(xml, logs.get(tracks.get(0)));
    }
    for (FragmentedTrack t : tracks) {
      representation(xml, t, DashOutput.representationId(t), logs.get(t), !shared, null);
    }
    xml.end("AdaptationSet");
  }

  /**
   * HDR video carries its colour description as CICP properties (DASH-IF IOP, HDR10 and HLG);
   * SupplementalProperty, so a player that does not know them still plays the set.
   */
  private static void hdrProperties(XmlText xml, FragmentedTrack video) {
    ColourDescription colour =
        ColourDescription.of(video.info().codec(), video.info().decoderConfig());
    if (!colour.isHdr()) {
      return;
    }
    String cicp = "urn:mpeg:mpegB:cicp:";
    xml.start("SupplementalProperty")
        .attr("schemeIdUri", cicp + "ColourPrimaries")
        .attr("value", colour.primaries());
    xml.end("SupplementalProperty");
    xml.start("SupplementalProperty")
        .attr("schemeIdUri", cicp + "TransferCharacteristics")
        .attr("value", colour.transfer());
    xml.end("SupplementalProperty");
    xml.start("SupplementalProperty")
        .attr("schemeIdUri", cicp + "MatrixCoefficients")
        .attr("value", colour.matrix());
    xml.end("SupplementalProperty");
  }

  private void trickSet(XmlText xml, int id, int videoSet, List<FragmentedTrack> videos) {
    xml.start("AdaptationSet")
        .attr("id", id)
        .attr("contentType", "video")
        .attr("mimeType", "video/mp4")
        .attr("segmentAlignment", "true")
        .attr("startWithSAP", 1)
        .attr("maxWidth", videos.stream().mapToInt(t -> t.info().width()).max().orElse(0))
        .attr("maxHeight", videos.stream().mapToInt(t -> t.info().height()).max().orElse(0))
        .attr("par", aspectRatio(videos.get(0)));
    DashProtection.write(xml, videos.get(0).protection());
    xml.start("EssentialProperty")
        .attr("schemeIdUri", DashOutput.TRICK_MODE)
        .attr("value", videoSet);
    xml.end("EssentialProperty");
    boolean shared = compact && sharesTimeline(videos, trickLogs);
    if (shared) {
      segmentTemplate(xml, trickLogs.get(videos.get(0)));
    }
    for (FragmentedTrack t : videos) {
      SegmentLog log = trickLogs.get(t);
      double segment = log.totalSeconds() / Math.max(1, log.entries().size());
      String rate = fraction(1 / segment);
      long playout = Math.max(1, Math.round(t.info().frameRate() * segment));
      representation(
          xml,
          t,
          DashOutput.trickId(t),
          log,
          !shared,
          new String[] {rate, String.valueOf(playout)});
    }
    xml.end("AdaptationSet");
  }

  /**
   * The subtitle tracks of one language: TTML in MP4 (ISO/IEC 14496-30), IMSC1 text profile, marked
   * as subtitles with the DASH role scheme.
   */
  private void textSet(XmlText xml, int id, List<DashSubtitles.Written> texts) {
    xml.start("AdaptationSet")
        .attr("id", id)
        .attr("contentType", "text")
        .attr("mimeType", "application/mp4")
        .attr("segmentAlignment", "true")
        .attr("startWithSAP", 1)
        .attr("lang", texts.get(0).language());
    xml.start("Role").attr("schemeIdUri", "urn:mpeg:dash:role:2011").attr("value", "subtitle");
    xml.end("Role");
    SegmentLog first = texts.get(0).log();
    boolean shared =
        compact && texts.stream().allMatch(t -> DashTimeline.sameTimeline(first, t.log()));
    if (shared) {
      segmentTemplate(xml, first);
    }
    for (DashSubtitles.Written t : texts) {
      xml.start("Representation")
          .attr("id", t.representationId())
          .attr("bandwidth", Math.max(1, t.log().peakBitrate()))
          .attr("codecs", DashSubtitles.CODECS);
      if (!shared) {
        segmentTemplate(xml, t.log());
      }
      xml.end("Representation");
    }
    xml.end("AdaptationSet");
  }

  private static boolean sharesTimeline(
      List<FragmentedTrack> tracks, Map<FragmentedTrack, SegmentLog> logs) {
    SegmentLog first = logs.get(tracks.get(0));
    return tracks.stream().allMatch(t -> DashTimeline.sameTimeline(first, logs.get(t)));
  }

  /**
   * @param trick null, or {frameRate, maxPlayoutRate} of a trick-play representation
   */
  private void representation(
      XmlText xml,
      FragmentedTrack t,
      String id,
      SegmentLog log,
      boolean withTemplate,
      String[] trick) {
    xml.start("Representation")
        .attr("id", id)
        .attr("bandwidth", Math.max(1, log.peakBitrate()))
        .attr("codecs", t.codecString());
    if (t.info().kind() == org.openvod.engine.media.TrackKind.VIDEO) {
      xml.attr("width", t.info().width()).attr("height", t.info().height());
      xml.attr("frameRate", trick != null ? trick[0] : fraction(t.info().frameRate()));
      xml.attr("sar", "1:1");
      if (trick != null) {
        xml.attr("maxPlayoutRate", trick[1]).attr("codingDependency", "false");
      }
    } else {
      xml.attr("audioSamplingRate", t.info().sampleRate());
      xml.start("AudioChannelConfiguration")
          .attr("schemeIdUri", "urn:mpeg:dash:23003:3:audio_channel_configuration:2011")
          .attr("value", t.info().channels());
      xml.end("AudioChannelConfiguration");
    }
    if (withTemplate) {
      segmentTemplate(xml, log);
    }
    xml.end("Representation");
  }

  /**
   * The SCTE-35 sections of the Period's markers, as SCTE 214-1 XML+binary events; times on the 90
   * kHz clock of the source, which the media times keep.
   */
  private void eventStream(XmlText xml, DashPeriods.Window w) {
    if (w.events().isEmpty()) {
      return;
    }
    long offset = Math.round((start + w.startSeconds()) * 90000);
    xml.start("EventStream")
        .attr("schemeIdUri", DashPeriods.SCTE35_SCHEME)
        .attr("timescale", 90000)
        .attr("presentationTimeOffset", offset);
    for (org.openvod.engine.media.AdMarker m : w.events()) {
      xml.start("Event").attr("presentationTime", Math.max(offset, m.time()));
      if (m.hasDuration()) {
        xml.attr("duration", m.duration());
      }
      if (m.eventId() >= 0) {
        xml.attr("id", m.eventId());
      }
      xml.start("Signal").attr("xmlns", DashPeriods.SCTE35_NAMESPACE);
      xml.start("Binary").text(java.util.Base64.getEncoder().encodeToString(m.scte35()));
      xml.end("Binary");
      xml.end("Signal");
      xml.end("Event");
    }
    xml.end("EventStream");
  }

  private void segmentTemplate(XmlText xml, SegmentLog log) {
    List<SegmentLog.Entry> entries = window.slice(log.entries());
    long offset = Math.round((start + window.startSeconds()) * log.timescale());
    xml.start("SegmentTemplate")
        .attr("timescale", log.timescale())
        .attr("initialization", "$RepresentationID$/init.mp4")
        .attr("media", template.mediaPattern());
    if (!template.byTime()) {
      xml.attr("startNumber", window.first() == 0 ? 1 : entries.get(0).number());
    }
    if (!template.timeline()) {
      xml.attr("duration", (long) segmentSeconds * log.timescale());
    }
    if (offset != 0) {
      xml.attr("presentationTimeOffset", offset);
    }
    if (template.timeline()) {
      DashTimeline.write(xml, entries);
    }
    xml.end("SegmentTemplate");
  }

  /** xs:duration with millisecond precision. */
  static String duration(double seconds) {
    return String.format(Locale.ROOT, "PT%.3fS", seconds);
  }

  /** A frame rate as DASH writes it: an integer, or a fraction such as 30000/1001. */
  static String fraction(double rate) {
    if (rate <= 0) {
      return "1";
    }
    long whole = Math.round(rate);
    if (Math.abs(rate - whole) < 0.001) {
      return String.valueOf(whole);
    }
    long ntsc = Math.round(rate * 1.001);
    if (Math.abs(rate - ntsc / 1.001) < 0.001) {
      return (ntsc * 1000) + "/1001";
    }
    long inverse = Math.round(1 / rate);
    if (inverse > 0 && Math.abs(rate - 1.0 / inverse) < 1e-6) {
      return "1/" + inverse;
    }
    return Math.round(rate * 1000) + "/1000";
  }

  private static String aspectRatio(FragmentedTrack t) {
    int w = t.info().width();
    int h = t.info().height();
    int g = gcd(Math.max(w, 1), Math.max(h, 1));
    return Math.max(w, 1) / g + ":" + Math.max(h, 1) / g;
  }

  private static int gcd(int a, int b) {
    return b == 0 ? a : gcd(b, a % b);
  }
}
