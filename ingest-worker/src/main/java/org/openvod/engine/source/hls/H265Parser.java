package org.openvod.engine.source.hls;

import static org.openvod.engine.media.PackagingException.Reason.MALFORMED_SOURCE;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.openvod.engine.codec.H265;
import org.openvod.engine.media.Codec;
import org.openvod.engine.media.PackagingException;
import org.openvod.engine.media.TrackKind;

/**
 * H.265 in TS: VPS, SPS and PPS by content, IRAP pictures (IDR, CRA, BLA) as key frames (the access
 * units themselves: {@link AnnexBVideoParser}).
 */
final class H265Parser extends AnnexBVideoParser {

  private static final int NAL_FILLER = 38;

  private final Map<String, byte[]> vps = new LinkedHashMap<>();
  private final Map<String, byte[]> sps = new LinkedHashMap<>();
  private final Map<String, byte[]> pps = new LinkedHashMap<>();

  @Override
  int nalType(byte[] payload, int from, int length) {
    return length < 2 ? SKIP : (payload[from] >> 1) & 0x3f;
  }

  @Override
  boolean isAccessUnitDelimiter(int type) {
    return type == H265.NAL_AUD;
  }

  @Override
  boolean isFiller(int type) {
    return type == NAL_FILLER;
  }

  /** Parameter sets are kept by content: the first of each kind describes the stream. */
  @Override
  boolean onUnit(int type, byte[] payload, int from, int to, String file) {
    if (type == H265.NAL_VPS) {
      keep(vps, payload, from, to);
    } else if (type == H265.NAL_SPS) {
      keep(sps, payload, from, to);
    } else if (type == H265.NAL_PPS) {
      keep(pps, payload, from, to);
    }
    return H265.isRandomAccess(type);
  }

  private static void keep(Map<String, byte[]> sets, byte[] payload, int from, int to) {
    byte[] nal = Arrays.copyOfRange(payload, from, to);
    sets.putIfAbsent(new String(nal, StandardCharsets.ISO_8859_1), nal);
  }

  @Override
  TrackFormat describe(String file) throws PackagingException {
    if (vps.isEmpty() || sps.isEmpty() || pps.isEmpty()) {
      throw new PackagingException(
          MALFORMED_SOURCE, file + ": H.265 random access picture without VPS, SPS and PPS");
    }
    H265.Sps parsed;
    try {
      parsed = H265.parseSps(sps.values().iterator().next());
    } catch (IllegalArgumentException e) {
      throw new PackagingException(MALFORMED_SOURCE, file + ": unreadable H.265 SPS", e);
    }
    byte[] config =
        H265.decoderConfig(
            parsed,
            List.copyOf(vps.values()),
            List.copyOf(sps.values()),
            List.copyOf(pps.values()));
    return new TrackFormat(
        TrackKind.VIDEO,
        Codec.H265,
        parsed.codecString(),
        parsed.width(),
        parsed.height(),
        0,
        0,
        0,
        config,
        0);
  }
}
