package org.openvod.engine.source.hls;

import static org.openvod.engine.media.PackagingException.Reason.MALFORMED_SOURCE;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.openvod.engine.codec.H264;
import org.openvod.engine.codec.Nal;
import org.openvod.engine.media.Codec;
import org.openvod.engine.media.PackagingException;
import org.openvod.engine.media.TrackKind;

/**
 * H.264 in TS: parameter sets by id, IDR pictures as key frames (the access units themselves:
 * {@link AnnexBVideoParser}).
 */
final class H264Parser extends AnnexBVideoParser {

  private static final int NAL_FILLER = 12;

  private final Map<Integer, byte[]> spsById = new TreeMap<>();
  private final Map<Integer, byte[]> ppsById = new TreeMap<>();

  @Override
  int nalType(byte[] payload, int from, int length) {
    return length == 0 ? SKIP : payload[from] & 0x1f;
  }

  @Override
  boolean isAccessUnitDelimiter(int type) {
    return type == H264.NAL_AUD;
  }

  @Override
  boolean isFiller(int type) {
    return type == NAL_FILLER;
  }

  @Override
  boolean onUnit(int type, byte[] payload, int from, int to, String file)
      throws PackagingException {
    if (type == H264.NAL_SPS) {
      byte[] nal = Arrays.copyOfRange(payload, from, to);
      spsById.put(spsId(nal, file), nal);
    } else if (type == H264.NAL_PPS) {
      byte[] nal = Arrays.copyOfRange(payload, from, to);
      ppsById.put(ppsId(nal, file), nal);
    }
    return type == H264.NAL_IDR;
  }

  @Override
  TrackFormat describe(String file) throws PackagingException {
    if (spsById.isEmpty() || ppsById.isEmpty()) {
      throw new PackagingException(
          MALFORMED_SOURCE, file + ": H.264 IDR frame without SPS and PPS before it");
    }
    H264.Sps sps;
    try {
      sps = H264.parseSps(spsById.values().iterator().next());
    } catch (IllegalArgumentException e) {
      throw new PackagingException(MALFORMED_SOURCE, file + ": unreadable H.264 SPS", e);
    }
    byte[] config =
        H264.decoderConfig(sps, List.copyOf(spsById.values()), List.copyOf(ppsById.values()));
    return new TrackFormat(
        TrackKind.VIDEO,
        Codec.H264,
        sps.codecString(),
        sps.width(),
        sps.height(),
        sps.frameRate(),
        0,
        0,
        config,
        0);
  }

  private static int spsId(byte[] nal, String file) throws PackagingException {
    try {
      return H264.parseSps(nal).id();
    } catch (IllegalArgumentException e) {
      throw new PackagingException(MALFORMED_SOURCE, file + ": unreadable H.264 SPS", e);
    }
  }

  private static int ppsId(byte[] nal, String file) throws PackagingException {
    try {
      byte[] rbsp = Nal.unescape(nal);
      return new org.openvod.engine.codec.BitReader(rbsp, 1, rbsp.length - 1).ue();
    } catch (IllegalArgumentException e) {
      throw new PackagingException(MALFORMED_SOURCE, file + ": unreadable H.264 PPS", e);
    }
  }
}
