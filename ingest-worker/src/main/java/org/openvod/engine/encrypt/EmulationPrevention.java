package org.openvod.engine.encrypt;

import java.util.Arrays;

/**
 * H.264 start code emulation prevention (ISO/IEC 14496-10 §7.4.1): inside a NAL unit, 00 00
 * followed by 00, 01, 02 or 03 is written as 00 00 03 xx. SAMPLE-AES cipher text can contain any
 * byte sequence, so an encrypted unit is escaped (again) before it goes into the byte stream.
 */
final class EmulationPrevention {

  private EmulationPrevention() {}

  /** {@code raw} with emulation prevention bytes inserted wherever the rule asks. */
  static byte[] escape(byte[] raw) {
    byte[] out = new byte[raw.length + raw.length / 2 + 1];
    int o = 0;
    int zeros = 0;
    for (byte b : raw) {
      if (zeros == 2 && (b & 0xff) <= 3) {
        out[o++] = 3;
        zeros = 0;
      }
      out[o++] = b;
      zeros = b == 0 ? zeros + 1 : 0;
    }
    if (o > 0 && out[o - 1] == 0) {
      // a unit may not end in 00: the byte stream would read it as part of the next start code
      out[o++] = 3;
    }
    return Arrays.copyOf(out, o);
  }
}
