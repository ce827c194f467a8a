package org.openvod.engine.output.mss;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.openvod.engine.encrypt.DrmSignal;
import org.openvod.engine.encrypt.TrackProtection;
import org.openvod.engine.media.PackagingException;
import org.openvod.engine.output.ManifestSpec;
import org.openvod.engine.output.fmp4.FragmentedTrack;
import org.openvod.engine.output.fmp4.SegmentLog;
import org.openvod.engine.output.fmp4.XmlText;
import org.openvod.engine.source.mp4.AvcDecoderConfig;

/**
 * Writes the Smooth Streaming client manifest (MS-SSTR 2.2.2): SmoothStreamingMedia with a
 * StreamIndex per stream, a QualityLevel per track and a c element (t and d) per fragment. The
 * quality levels of one StreamIndex share its fragment list, so their fragment times must match.
 */
final class SmoothManifest {

  private SmoothManifest() {}

  static String write(
      ManifestSpec manifest,
      List<MssOutput.SmoothTrack> videos,
      Map<String, List<MssOutput.SmoothTrack>> audio,
      List<MssSubtitles.Written> texts)
      throws PackagingException {
    XmlText xml = new XmlText();
    long duration = 0;
    for (MssOutput.SmoothTrack v : videos) {
      duration = Math.max(duration, v.log.totalDuration());
    }
    xml.start("SmoothStreamingMedia")
        .attr("MajorVersion", 2)
        .attr("MinorVersion", 2)
        .attr("TimeScale", SmoothTime.TIMESCALE)
        .attr("Duration", duration);
    streamIndex(xml, "video", "video", null, videos);
    for (Map.Entry<String, List<MssOutput.SmoothTrack>> e : audio.entrySet()) {
      streamIndex(
          xml, "audio", e.getKey(), e.getValue().get(0).track.info().language(), e.getValue());
    }
    for (MssSubtitles.Written text : texts) {
      textIndex(xml, text);
    }
    List<MssOutput.SmoothTrack> all = new ArrayList<>(videos);
    audio.values().forEach(all::addAll);
    protection(xml, all);
    xml.end("SmoothStreamingMedia");
    return xml.toString();
  }

  /**
   * MS-SSTR 2.2.2.2: {@code <Protection><ProtectionHeader SystemID="...">base64</ProtectionHeader>}
   * per DRM system that gave a Smooth protection header (PlayReady's, whose KID clients put into
   * the tenc they build). Nothing for clear tracks.
   */
  private static void protection(XmlText xml, List<MssOutput.SmoothTrack> tracks) {
    Map<String, String> headers = new LinkedHashMap<>();
    for (MssOutput.SmoothTrack t : tracks) {
      TrackProtection p = t.track.protection();
      if (p == null) {
        continue;
      }
      for (DrmSignal signal : p.signals()) {
        String header = signal.mssProtectionHeader();
        if (header != null && !header.isBlank()) {
          headers.putIfAbsent(
              signal.systemId().toString().toUpperCase(Locale.ROOT) + "|" + header.strip(),
              header.strip());
        }
      }
    }
    if (headers.isEmpty()) {
      return;
    }
    xml.start("Protection");
    for (Map.Entry<String, String> e : headers.entrySet()) {
      String systemId = e.getKey().substring(0, e.getKey().indexOf('|'));
      xml.start("ProtectionHeader").attr("SystemID", systemId).text(e.getValue());
      xml.end("ProtectionHeader");
    }
    xml.end("Protection");
  }

  private static void streamIndex(
      XmlText xml, String type, String name, String language, List<MssOutput.SmoothTrack> levels)
      throws PackagingException {
    SegmentLog reference = levels.get(0).log;
    for (MssOutput.SmoothTrack level : levels) {
      if (!sameTimes(reference, level.log)) {
        throw MssOutput.mismatch(name);
      }
    }
    boolean video = type.equals("video");
    xml.start("StreamIndex")
        .attr("Type", type)
        .attr("Name", name)
        .attr("Language", language)
        .attr("Chunks", reference.entries().size())
        .attr("QualityLevels", levels.size())
        .attr("Url", "QualityLevels({bitrate})/Fragments(" + name + "={start time})");
    if (video) {
      int width = levels.stream().mapToInt(l -> l.track.info().width()).max().orElse(0);
      int height = levels.stream().mapToInt(l -> l.track.info().height()).max().orElse(0);
      xml.attr("MaxWidth", width).attr("MaxHeight", height);
      xml.attr("DisplayWidth", width).attr("DisplayHeight", height);
    }
    for (int i = 0; i < levels.size(); i++) {
      qualityLevel(xml, i, levels.get(i));
    }
    for (SegmentLog.Entry e : reference.entries()) {
      xml.start("c").attr("t", e.startTime()).attr("d", e.duration());
      xml.end("c");
    }
    xml.end("StreamIndex");
  }

  /**
   * A subtitle stream: one TTML quality level (no CodecPrivateData: TTML needs none) on the video's
   * fragment times.
   */
  private static void textIndex(XmlText xml, MssSubtitles.Written text) {
    String language = text.info().language();
    xml.start("StreamIndex")
        .attr("Type", "text")
        .attr("Subtype", MssSubtitles.SUBTYPE)
        .attr("Name", text.stream())
        .attr("Language", language == null || language.isBlank() ? null : language.strip())
        .attr("Chunks", text.log().entries().size())
        .attr("QualityLevels", 1)
        .attr("Url", "QualityLevels({bitrate})/Fragments(" + text.stream() + "={start time})");
    xml.start("QualityLevel")
        .attr("Index", 0)
        .attr("Bitrate", text.bitrate())
        .attr("FourCC", MssSubtitles.FOURCC)
        .attr("CodecPrivateData", "");
    xml.end("QualityLevel");
    for (SegmentLog.Entry e : text.log().entries()) {
      xml.start("c").attr("t", e.startTime()).attr("d", e.duration());
      xml.end("c");
    }
    xml.end("StreamIndex");
  }

  private static void qualityLevel(XmlText xml, int index, MssOutput.SmoothTrack level) {
    FragmentedTrack t = level.track;
    xml.start("QualityLevel").attr("Index", index).attr("Bitrate", level.bitrate);
    AvcDecoderConfig avc = t.avc();
    if (avc != null) {
      xml.attr("FourCC", "H264")
          .attr("MaxWidth", t.info().width())
          .attr("MaxHeight", t.info().height())
          .attr("CodecPrivateData", codecPrivateData(avc));
    } else {
      xml.attr("FourCC", "AACL")
          .attr("SamplingRate", t.info().sampleRate())
          .attr("Channels", t.info().channels())
          .attr("BitsPerSample", 16)
          .attr("PacketSize", 4)
          .attr("AudioTag", 255)
          .attr("CodecPrivateData", hex(t.info().decoderConfig()));
    }
    xml.end("QualityLevel");
  }

  /** SPS and PPS as Annex B: 00000001 SPS 00000001 PPS, in hex. */
  static String codecPrivateData(AvcDecoderConfig avc) {
    StringBuilder s = new StringBuilder();
    for (List<byte[]> sets : List.of(avc.sps(), avc.pps())) {
      for (byte[] nal : sets) {
        s.append("00000001").append(hex(nal));
      }
    }
    return s.toString();
  }

  private static String hex(byte[] bytes) {
    return HexFormat.of().formatHex(bytes).toUpperCase(Locale.ROOT);
  }

  private static boolean sameTimes(SegmentLog a, SegmentLog b) {
    if (a.entries().size() != b.entries().size()) {
      return false;
    }
    for (int i = 0; i < a.entries().size(); i++) {
      if (a.entries().get(i).startTime() != b.entries().get(i).startTime()
          || a.entries().get(i).duration() != b.entries().get(i).duration()) {
        return false;
      }
    }
    return true;
  }
}
