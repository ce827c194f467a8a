package org.openvod.engine;

import java.time.Instant;
import org.openvod.engine.media.PackagingException;
import org.openvod.engine.output.OutputSpec;
import org.openvod.engine.output.hls.HlsTsOutput;
import org.openvod.engine.pipeline.MediaHandler;

/** Picks the muxer and manifest writer of one output by its format. */
final class OutputHandlers {

  private OutputHandlers() {}

  static MediaHandler create(OutputSpec spec, Instant programDateTimeStart)
      throws PackagingException {
    if (spec.format() == null) {
      throw new PackagingException(
          PackagingException.Reason.INVALID_CONFIGURATION,
          "output " + spec.outputId() + ": no format");
    }
    return switch (spec.format()) {
      case HLS_TS -> new HlsTsOutput(spec, programDateTimeStart);
      case CMAF, DASH, MSS ->
          throw new PackagingException(
              PackagingException.Reason.INVALID_CONFIGURATION,
              "format " + spec.format() + " not available yet");
    };
  }
}
