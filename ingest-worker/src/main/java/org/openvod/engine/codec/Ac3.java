package org.openvod.engine.codec;

/**
 * AC-3 and E-AC-3 (ETSI TS 102 366) sync frames: sizes, sample rates, channel counts, and the dac3
 * / dec3 box payloads MP4 writers need.
 */
public final class Ac3 {

  private static final int[] BITRATES = {
    32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320, 384, 448, 512, 576, 640
  };
  private static final int[] RATES = {48000, 44100, 32000};
  private static final int[] REDUCED_RATES = {24000, 22050, 16000};
  private static final int[] ACMOD_CHANNELS = {2, 1, 2, 3, 3, 4, 4, 5};
  private static final int[] BLOCKS = {1, 2, 3, 6};

  private Ac3() {}

  /**
   * One sync frame header.
   *
   * @param enhanced E-AC-3 (bsid 11..16)
   * @param dependent an E-AC-3 dependent substream frame (belongs to the frame before it)
   */
  public record SyncFrame(
      boolean enhanced,
      boolean dependent,
      int length,
      int sampleRate,
      int samples,
      int fscod,
      int bsid,
      int bsmod,
      int acmod,
      boolean lfe,
      int bitrateCode) {

    public int channels() {
      return ACMOD_CHANNELS[acmod] + (lfe ? 1 : 0);
    }

    /** The dac3 payload (AC-3) or a one-substream dec3 payload (E-AC-3). */
    public byte[] boxPayload() {
      if (!enhanced) {
        int bits =
            (fscod << 22)
                | (bsid << 17)
                | (bsmod << 14)
                | (acmod << 11)
                | ((lfe ? 1 : 0) << 10)
                | (bitrateCode << 5);
        return new byte[] {(byte) (bits >> 16), (byte) (bits >> 8), (byte) bits};
      }
      int dataRate = (int) ((long) length * 8 * sampleRate / samples / 1000);
      return new byte[] {
        (byte) (dataRate >> 5),
        (byte) ((dataRate << 3) & 0xf8), // num_ind_sub = 0 means one independent substream
        (byte) ((fscod << 6) | (bsid << 1)), // fscod, bsid, reserved
        (byte) ((bsmod << 4) | (acmod << 1) | (lfe ? 1 : 0)), // asvc 0, bsmod, acmod, lfeon
        0, // reserved, num_dep_sub = 0, reserved
      };
    }

    public String codecString() {
      return enhanced ? "ec-3" : "ac-3";
    }
  }

  /** The sync frame at {@code p}, or null when there is none (needs 8 bytes). */
  public static SyncFrame parse(byte[] d, int p, int limit) {
    if (p + 8 > limit || (d[p] & 0xff) != 0x0b || (d[p + 1] & 0xff) != 0x77) {
      return null;
    }
    int bsid = (d[p + 5] >> 3) & 0x1f;
    if (bsid <= 10) {
      int fscod = (d[p + 4] >> 6) & 3;
      int frmsizecod = d[p + 4] & 0x3f;
      if (fscod == 3 || frmsizecod >= 38) {
        return null;
      }
      int kbps = BITRATES[frmsizecod >> 1];
      int length =
          switch (fscod) {
            case 0 -> kbps * 4;
            case 1 -> 2 * (kbps * 1536 * 1000 / 44100 / 16 + (frmsizecod & 1));
            default -> kbps * 6;
          };
      BitReader r = new BitReader(d, p + 5, 3);
      r.skip(5);
      int bsmod = r.u(3);
      int acmod = r.u(3);
      if ((acmod & 1) != 0 && acmod != 1) {
        r.skip(2);
      }
      if ((acmod & 4) != 0) {
        r.skip(2);
      }
      if (acmod == 2) {
        r.skip(2);
      }
      boolean lfe = r.flag();
      return new SyncFrame(
          false,
          false,
          length,
          RATES[fscod],
          1536,
          fscod,
          bsid,
          bsmod,
          acmod,
          lfe,
          frmsizecod >> 1);
    }
    if (bsid > 16) {
      return null;
    }
    BitReader r = new BitReader(d, p + 2, 6);
    int streamType = r.u(2);
    r.skip(3); // substreamid
    int length = (r.u(11) + 1) * 2;
    int fscod = r.u(2);
    int sampleRate;
    int blocks;
    if (fscod == 3) {
      int fscod2 = r.u(2);
      if (fscod2 == 3) {
        return null;
      }
      sampleRate = REDUCED_RATES[fscod2];
      blocks = 6;
    } else {
      sampleRate = RATES[fscod];
      blocks = BLOCKS[r.u(2)];
    }
    int acmod = r.u(3);
    boolean lfe = r.flag();
    return new SyncFrame(
        true,
        streamType == 1,
        length,
        sampleRate,
        256 * blocks,
        fscod == 3 ? 0 : fscod,
        bsid,
        0,
        acmod,
        lfe,
        0);
  }
}
