package org.openvod.engine;

import java.time.Instant;
import org.openvod.engine.media.PackagingException;
import org.openvod.engine.output.OutputSpec;
import org.openvod.engine.output.dash.DashOutput;
import org.openvod.engine.output.fmp4.CmafOutput;
import org.openvod.engine.output.hls.HlsTsOutput;
import org.openvod.engine.output.mss.MssOutput;
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
      case CMAF -> new CmafOutput(spec, programDateTimeStart);
      case DASH -> new DashOutput(spec);
      case MSS -> new MssOutput(spec);
    };
  }
}
