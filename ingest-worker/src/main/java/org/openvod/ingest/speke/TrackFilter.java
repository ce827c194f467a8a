package org.openvod.ingest.speke;

/**
 * One CPIX VideoFilter or AudioFilter of a usage rule: which tracks a key protects. Bounds are
 * inclusive; null means unbounded. A filter with no bounds matches every track of its kind.
 */
public record TrackFilter(Kind kind, Long min, Long max) {

  /** VIDEO bounds count pixels (width x height), AUDIO bounds count channels. */
  public enum Kind {
    VIDEO,
    AUDIO
  }

  public static TrackFilter video(Long minPixels, Long maxPixels) {
    return new TrackFilter(Kind.VIDEO, minPixels, maxPixels);
  }

  public static TrackFilter audio(Long minChannels, Long maxChannels) {
    return new TrackFilter(Kind.AUDIO, minChannels, maxChannels);
  }

  /** Whether a track of this kind with this many pixels (video) or channels (audio) matches. */
  public boolean matches(Kind trackKind, long measure) {
    return kind == trackKind && (min == null || measure >= min) && (max == null || measure <= max);
  }
}
