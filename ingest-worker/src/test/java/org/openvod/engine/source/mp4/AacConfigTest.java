package org.openvod.engine.source.mp4;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.openvod.engine.media.PackagingException;

/** AudioSpecificConfigs of AAC LC and of explicitly signalled HE-AAC v1 and v2. */
class AacConfigTest {

  /** Packs fields of {@code widths} bits each, most significant first. */
  private static byte[] bits(int[] values, int[] widths) {
    int total = 0;
    for (int w : widths) {
      total += w;
    }
    byte[] out = new byte[(total + 7) / 8];
    int at = 0;
    for (int i = 0; i < values.length; i++) {
      for (int b = widths[i] - 1; b >= 0; b--, at++) {
        if (((values[i] >> b) & 1) != 0) {
          out[at >> 3] |= (byte) (0x80 >> (at & 7));
        }
      }
    }
    return out;
  }

  @Test
  void aacLcAt48kStereo() throws Exception {
    AacConfig c = AacConfig.parse(new byte[] {0x11, (byte) 0x90}, "t");
    assertEquals(new AacConfig(2, 48000, 2), c);
    assertEquals("mp4a.40.2", c.codecString());
  }

  @Test
  void heAacAnnouncesItsOutputRate() throws Exception {
    // AOT 5, core 24 kHz (index 6), stereo, extension 48 kHz (index 3), core AOT 2
    byte[] asc = bits(new int[] {5, 6, 2, 3, 2}, new int[] {5, 4, 4, 4, 5});
    AacConfig c = AacConfig.parse(asc, "t");
    assertEquals(new AacConfig(5, 48000, 2), c);
    assertEquals("mp4a.40.5", c.codecString());
  }

  @Test
  void heAacV2DecodesToStereoFromAMonoCore() throws Exception {
    // AOT 29, core 22.05 kHz (index 7), mono, extension 44.1 kHz (index 4), core AOT 2
    byte[] asc = bits(new int[] {29, 7, 1, 4, 2}, new int[] {5, 4, 4, 4, 5});
    assertEquals(new AacConfig(29, 44100, 2), AacConfig.parse(asc, "t"));
  }

  @Test
  void aTruncatedHeAacConfigIsRefused() {
    byte[] asc = bits(new int[] {5, 6, 2}, new int[] {5, 4, 4});
    PackagingException e =
        assertThrows(PackagingException.class, () -> AacConfig.parse(asc, "a.mp4"));
    assertEquals(PackagingException.Reason.MALFORMED_SOURCE, e.reason());
  }
}
