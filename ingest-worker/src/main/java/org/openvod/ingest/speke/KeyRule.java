package org.openvod.ingest.speke;

import java.util.List;

/**
 * One key of an encryption contract: its CPIX {@code ContentKeyUsageRule@intendedTrackType} and the
 * filters (one per '+'-joined part of the name) saying which tracks it protects.
 */
public record KeyRule(String intendedTrackType, List<TrackFilter> filters) {

  public KeyRule {
    if (intendedTrackType == null || intendedTrackType.isBlank()) {
      throw new IllegalArgumentException("intendedTrackType is missing");
    }
    filters = List.copyOf(filters);
  }

  public boolean matches(TrackFilter.Kind kind, long measure) {
    return filters.stream().anyMatch(f -> f.matches(kind, measure));
  }
}
