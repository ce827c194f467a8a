package org.openvod.engine.output.fmp4;

import java.util.ArrayList;
import java.util.List;
import org.openvod.engine.encrypt.DrmSignal;
import org.openvod.engine.encrypt.TrackProtection;

/**
 * The EXT-X-KEY lines of an encrypted CMAF track (RFC 8216 §4.3.2.4): METHOD=SAMPLE-AES (cbcs
 * fMP4), one line per DRM signal that gives an HLS key URI, with its KEYFORMAT and
 * KEYFORMATVERSIONS. The IV is the constant IV of the track's tenc, so no IV attribute.
 */
final class CmafKeyTags {

  private CmafKeyTags() {}

  /** The attribute lists (after the colon), one per signal with a key URI; empty when clear. */
  static List<String> attributes(TrackProtection protection) {
    List<String> out = new ArrayList<>();
    if (protection == null) {
      return out;
    }
    for (DrmSignal signal : protection.signals()) {
      if (signal.hlsKeyUri() == null || signal.hlsKeyUri().isBlank()) {
        continue;
      }
      StringBuilder a =
          new StringBuilder("METHOD=SAMPLE-AES,URI=").append(quoted(signal.hlsKeyUri()));
      if (signal.hlsKeyFormat() != null && !signal.hlsKeyFormat().isBlank()) {
        a.append(",KEYFORMAT=").append(quoted(signal.hlsKeyFormat()));
      }
      if (signal.hlsKeyFormatVersions() != null && !signal.hlsKeyFormatVersions().isBlank()) {
        a.append(",KEYFORMATVERSIONS=").append(quoted(signal.hlsKeyFormatVersions()));
      }
      out.add(a.toString());
    }
    return out;
  }

  /** EXT-X-KEY lines of a media playlist. */
  static List<String> keys(TrackProtection protection) {
    return attributes(protection).stream().map(a -> "#EXT-X-KEY:" + a).toList();
  }

  /** A quoted-string may hold neither quotes nor line breaks (RFC 8216 §4.2). */
  private static String quoted(String value) {
    if (value.indexOf('"') >= 0 || value.indexOf('\n') >= 0 || value.indexOf('\r') >= 0) {
      throw new IllegalArgumentException(
          "an HLS key attribute may not contain quotes or line breaks: " + value);
    }
    return '"' + value + '"';
  }
}
