package org.openvod.engine.output;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.openvod.engine.codec.Srt;
import org.openvod.engine.codec.WebVttCues;
import org.openvod.engine.media.Codec;
import org.openvod.engine.media.Sample;
import org.openvod.engine.media.StreamInfo;
import org.openvod.engine.media.TrackKind;

/**
 * The cues of an output's WebVTT subtitle tracks, for the formats that write them again as TTML
 * (DASH, MSS). Every WebVTT document of a track is read; a cue an HLS source repeats in each
 * segment it spans counts once. Times are on the source's clock, in milliseconds.
 */
public final class SubtitleCues {

  private final Map<Integer, StreamInfo> infos = new LinkedHashMap<>();
  private final Map<Integer, Set<Srt.Cue>> cues = new LinkedHashMap<>();

  /** Takes a WebVTT subtitle track; true when it was one. */
  public boolean accept(StreamInfo info) {
    if (info.kind() != TrackKind.SUBTITLE || info.codec() != Codec.WEBVTT) {
      return false;
    }
    infos.put(info.trackId(), info);
    cues.put(info.trackId(), new LinkedHashSet<>());
    return true;
  }

  public boolean handles(int trackId) {
    return infos.containsKey(trackId);
  }

  /** Reads the cues of one subtitle sample (a whole WebVTT document). */
  public void add(Sample sample) {
    long pts90k = sample.pts() * 90000 / infos.get(sample.trackId()).timescale();
    cues.get(sample.trackId()).addAll(WebVttCues.parse(sample.data(), pts90k));
  }

  /** The subtitle tracks taken, in the order they came. */
  public Collection<StreamInfo> tracks() {
    return infos.values();
  }

  /** A track's cues, by start time. */
  public List<Srt.Cue> sorted(int trackId) {
    List<Srt.Cue> sorted = new ArrayList<>(cues.get(trackId));
    sorted.sort(Comparator.comparingLong(Srt.Cue::startMillis));
    return sorted;
  }
}
