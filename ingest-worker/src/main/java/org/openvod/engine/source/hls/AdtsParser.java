package org.openvod.engine.source.hls;

import static org.openvod.engine.media.PackagingException.Reason.UNSUPPORTED_CONTENT;

import org.openvod.engine.codec.Aac;
import org.openvod.engine.media.Codec;
import org.openvod.engine.media.PackagingException;
import org.openvod.engine.media.TrackKind;

/** AAC in ADTS to raw AAC frames (the ADTS header removed), one sample per frame. */
final class AdtsParser extends AudioFrameParser {

  @Override
  Frame frameAt(byte[] data, int p, int limit, String file) throws PackagingException {
    Aac.Adts adts = Aac.parseAdts(data, p, limit);
    if (adts == null) {
      return null;
    }
    if (adts.rawBlocks() != 0) {
      throw new PackagingException(
          UNSUPPORTED_CONTENT, file + ": ADTS frames with several raw data blocks");
    }
    return new Frame(
        adts.frameLength(), adts.headerLength(), Aac.SAMPLES_PER_FRAME, adts.sampleRate());
  }

  @Override
  int headerBytes() {
    return 7;
  }

  @Override
  String codecName() {
    return "AAC (ADTS)";
  }

  @Override
  TrackFormat describe(byte[] data, int p, int limit) {
    Aac.Adts adts = Aac.parseAdts(data, p, limit);
    int channels = adts.channelConfig() == 7 ? 8 : adts.channelConfig();
    return new TrackFormat(
        TrackKind.AUDIO,
        Codec.AAC,
        adts.codecString(),
        0,
        0,
        0,
        adts.sampleRate(),
        channels,
        adts.audioSpecificConfig(),
        Aac.SAMPLES_PER_FRAME * 90000L / adts.sampleRate());
  }
}
