package org.openvod.ingest.speke;

import java.util.List;
import java.util.Optional;

/** The key server's answer: every requested key, in the order of the request. */
public record SpekeKeys(String contentId, SpekeVersion version, List<DeliveredKey> keys) {

  public SpekeKeys {
    keys = List.copyOf(keys);
  }

  /** The key for a video track of this size; empty when the contract leaves video clear. */
  public Optional<DeliveredKey> forVideo(int width, int height) {
    return find(TrackFilter.Kind.VIDEO, (long) width * height);
  }

  /** The key for an audio track with this many channels; empty when audio stays clear. */
  public Optional<DeliveredKey> forAudio(int channels) {
    return find(TrackFilter.Kind.AUDIO, channels);
  }

  private Optional<DeliveredKey> find(TrackFilter.Kind kind, long measure) {
    return keys.stream().filter(k -> k.protects(kind, measure)).findFirst();
  }
}
