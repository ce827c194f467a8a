package org.openvod.engine.encrypt;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.Arrays;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Set;
import org.junit.jupiter.api.Test;

class HlsSegmentIvTest {

  private static final ContentKey KEY =
      ContentKey.ofHex(
          "0f1e2d3c4b5a69788796a5b4c3d2e1f0",
          "00112233445566778899aabbccddeeff",
          "a0a1a2a3a4a5a6a7a8a9aaabacadaeaf");

  @Test
  void aConstantIvIsUsedForEverySegment() {
    byte[] constant = HexFormat.of().parseHex("000102030405060708090a0b0c0d0e0f");
    assertArrayEquals(constant, HlsSegmentIv.of(constant, KEY, 0));
    assertArrayEquals(constant, HlsSegmentIv.of(constant, KEY, 41));
  }

  @Test
  void withoutOneTheIvRotatesDeterministicallyAndIgnoresTheKeyServersIv() {
    Set<String> seen = new HashSet<>();
    for (int segment = 0; segment < 100; segment++) {
      byte[] iv = HlsSegmentIv.of(null, KEY, segment);
      assertEquals(16, iv.length);
      assertArrayEquals(iv, HlsSegmentIv.of(null, KEY, segment), "the same every time");
      assertFalse(Arrays.equals(KEY.iv(), iv), "not the key server's explicit IV");
      seen.add(HexFormat.of().formatHex(iv));
    }
    assertEquals(100, seen.size(), "a new IV for every segment");
    ContentKey otherKid =
        ContentKey.ofHex(
            "ff1e2d3c4b5a69788796a5b4c3d2e1f0", "00112233445566778899aabbccddeeff", null);
    assertFalse(Arrays.equals(HlsSegmentIv.of(null, KEY, 3), HlsSegmentIv.of(null, otherKid, 3)));
  }
}
