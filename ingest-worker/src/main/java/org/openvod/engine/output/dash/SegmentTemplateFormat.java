package org.openvod.engine.output.dash;

import org.openvod.engine.media.PackagingException;

/** MediaPackage's segmentTemplateFormat: how segments are addressed in the MPD. */
enum SegmentTemplateFormat {
  NUMBER_WITH_TIMELINE,
  TIME_WITH_TIMELINE,
  NUMBER_WITH_DURATION;

  static SegmentTemplateFormat of(String value) throws PackagingException {
    if (value == null || value.isBlank()) {
      return NUMBER_WITH_TIMELINE;
    }
    try {
      return valueOf(value);
    } catch (IllegalArgumentException e) {
      throw new PackagingException(
          PackagingException.Reason.INVALID_CONFIGURATION,
          "segmentTemplateFormat "
              + value
              + " is not one of NUMBER_WITH_TIMELINE,"
              + " TIME_WITH_TIMELINE, NUMBER_WITH_DURATION");
    }
  }

  boolean byTime() {
    return this == TIME_WITH_TIMELINE;
  }

  boolean timeline() {
    return this != NUMBER_WITH_DURATION;
  }

  String mediaPattern() {
    return "$RepresentationID$/segment_" + (byTime() ? "$Time$" : "$Number$") + ".m4s";
  }
}
