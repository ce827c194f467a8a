package org.openvod.engine.output.hls;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.openvod.engine.media.StreamInfo;

/**
 * The PMT descriptors of a SAMPLE-AES stream (Apple, "MPEG-2 Stream Encryption Format for HTTP Live
 * Streaming" §3): a private data indicator descriptor (tag 0x0f) naming the format ('zavc', 'aacd',
 * 'ac3d', 'ec3d') and, for audio, a registration descriptor (tag 0x05, 'apad') carrying the audio
 * setup information, which the cipher text no longer reveals: audio_type ('zaac', 'zach', 'zacp',
 * 'zac3', 'zec3'), priming 0, version 1, then the setup data (the AudioSpecificConfig for AAC, the
 * dac3 / dec3 payload for AC-3 / E-AC-3, as Shaka Packager writes).
 */
final class SampleAesSignalling {

  private static final int PRIVATE_DATA_INDICATOR = 0x0f;
  private static final int REGISTRATION = 0x05;

  private SampleAesSignalling() {}

  static byte[] descriptors(StreamInfo info) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    String indicator =
        switch (info.codec()) {
          case H264 -> "zavc";
          case AAC -> "aacd";
          case AC3 -> "ac3d";
          case EAC3 -> "ec3d";
          default ->
              throw new IllegalArgumentException(
                  "SAMPLE-AES has no TS signalling for " + info.codec());
        };
    out.write(PRIVATE_DATA_INDICATOR);
    out.write(4);
    out.writeBytes(indicator.getBytes(StandardCharsets.US_ASCII));
    if (info.codec() != org.openvod.engine.media.Codec.H264) {
      byte[] setup = info.decoderConfig() == null ? new byte[0] : info.decoderConfig();
      if (setup.length > 255 - 12) {
        throw new IllegalArgumentException(
            "track " + info.trackId() + ": audio setup data of " + setup.length + " bytes");
      }
      out.write(REGISTRATION);
      out.write(4 + 4 + 2 + 1 + 1 + setup.length);
      out.writeBytes("apad".getBytes(StandardCharsets.US_ASCII));
      out.writeBytes(audioType(info).getBytes(StandardCharsets.US_ASCII));
      out.write(0); // priming, 16 bits: the encoder's priming is not known here
      out.write(0);
      out.write(1); // version
      out.write(setup.length);
      out.writeBytes(setup);
    }
    return out.toByteArray();
  }

  private static String audioType(StreamInfo info) {
    switch (info.codec()) {
      case AC3 -> {
        return "zac3";
      }
      case EAC3 -> {
        return "zec3";
      }
      default -> {
        byte[] asc = info.decoderConfig();
        int objectType = asc == null || asc.length == 0 ? 2 : (asc[0] & 0xff) >> 3;
        // HE-AAC (SBR) and HE-AAC v2 (PS) have their own types; everything else plays as LC
        return objectType == 5 ? "zach" : objectType == 29 ? "zacp" : "zaac";
      }
    }
  }
}
