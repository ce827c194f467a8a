package org.openvod.engine;

import java.time.Instant;
import org.openvod.engine.encrypt.EncryptionHandler;
import org.openvod.engine.encrypt.EncryptionMode;
import org.openvod.engine.encrypt.EncryptionSpec;
import org.openvod.engine.media.PackagingException;
import org.openvod.engine.output.OutputSpec;
import org.openvod.engine.output.dash.DashOutput;
import org.openvod.engine.output.fmp4.CmafOutput;
import org.openvod.engine.output.fmp4.FragmentedOutput;
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
      case CMAF -> encrypted(spec, EncryptionMode.CBCS, new CmafOutput(spec, programDateTimeStart));
      case DASH -> encrypted(spec, EncryptionMode.CENC, new DashOutput(spec));
      case MSS -> encrypted(spec, EncryptionMode.CENC, new MssOutput(spec));
    };
  }

  /**
   * The fMP4 muxer itself for a clear output; for an encrypted one, the encryptor stage in front of
   * it, when the mode is the one the format takes (cbcs for CMAF, cenc for DASH and MSS).
   */
  private static MediaHandler encrypted(
      OutputSpec spec, EncryptionMode allowed, FragmentedOutput muxer) throws PackagingException {
    EncryptionSpec encryption = spec.encryption();
    if (encryption == null) {
      return muxer;
    }
    if (encryption.mode() != allowed) {
      throw new PackagingException(
          PackagingException.Reason.INVALID_CONFIGURATION,
          "output "
              + spec.outputId()
              + ": "
              + spec.format()
              + " output cannot be encrypted with "
              + encryption.mode()
              + ", only with "
              + allowed);
    }
    return new EncryptionHandler(encryption, muxer);
  }
}
