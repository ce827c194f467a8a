package org.openvod.engine.source.hls;

import org.openvod.engine.codec.Ac3;
import org.openvod.engine.media.Codec;
import org.openvod.engine.media.TrackKind;

/**
 * AC-3 and E-AC-3 sync frames, one sample per frame; an E-AC-3 frame takes the dependent substream
 * frames that follow it into the same sample.
 */
final class Ac3Parser extends AudioFrameParser {

  private final boolean enhanced;

  Ac3Parser(boolean enhanced) {
    this.enhanced = enhanced;
  }

  @Override
  Frame frameAt(byte[] data, int p, int limit, String file) {
    Ac3.SyncFrame frame = Ac3.parse(data, p, limit);
    if (frame == null) {
      return null;
    }
    int length = frame.length();
    while (p + length + 8 <= limit) {
      Ac3.SyncFrame next = Ac3.parse(data, p + length, limit);
      if (next == null || !next.dependent()) {
        break;
      }
      length += next.length();
    }
    return new Frame(length, 0, frame.samples(), frame.sampleRate());
  }

  @Override
  int headerBytes() {
    return 8;
  }

  @Override
  String codecName() {
    return enhanced ? "E-AC-3" : "AC-3";
  }

  @Override
  TrackFormat describe(byte[] data, int p, int limit) {
    Ac3.SyncFrame frame = Ac3.parse(data, p, limit);
    return new TrackFormat(
        TrackKind.AUDIO,
        frame.enhanced() ? Codec.EAC3 : Codec.AC3,
        frame.codecString(),
        0,
        0,
        0,
        frame.sampleRate(),
        frame.channels(),
        frame.boxPayload(),
        frame.samples() * 90000L / frame.sampleRate());
  }
}
