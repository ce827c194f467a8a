package org.openvod.engine.output;

import java.util.HashSet;
import java.util.Set;
import org.openvod.engine.media.StreamInfo;
import org.openvod.engine.media.TrackKind;

/**
 * Picks the distinct audio tracks of a source, the same way for every output format. HLS sources
 * often carry the same audio muxed into every variant; packaged as separate tracks it would show up
 * as identical renditions ("audio", "audio 2", ...) that players offer as choices and multiply into
 * their variant lists. Two audio tracks are the same when their codec string, language, name,
 * channel count and sample rate are; the first one the source lists is kept.
 */
public final class DistinctAudio {

  private final Set<String> seen = new HashSet<>();

  /** The identity of an audio track: codec|language|name|channels|rate. */
  public static String key(StreamInfo info) {
    return info.codecString()
        + "|"
        + info.language()
        + "|"
        + info.name()
        + "|"
        + info.channels()
        + "|"
        + info.sampleRate();
  }

  /** True for every non-audio track, and for an audio track whose key has not been admitted yet. */
  public boolean admit(StreamInfo info) {
    return info.kind() != TrackKind.AUDIO || seen.add(key(info));
  }
}
