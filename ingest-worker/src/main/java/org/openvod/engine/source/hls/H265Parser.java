package org.openvod.engine.source.hls;

import static org.openvod.engine.media.PackagingException.Reason.MALFORMED_SOURCE;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.openvod.engine.codec.AccessUnitBuilder;
import org.openvod.engine.codec.AnnexBCursor;
import org.openvod.engine.codec.H265;
import org.openvod.engine.media.Codec;
import org.openvod.engine.media.PackagingException;
import org.openvod.engine.media.TrackKind;

/**
 * H.265 in TS (Annex B) to access units of 4-byte length-prefixed NAL units without AUDs. A sample
 * is a key frame when it holds an IRAP picture (IDR, CRA, BLA). As for H.264, an access unit starts
 * with each PES that has a PTS, or with an AUD.
 */
final class H265Parser implements EsParser {

  private static final int NAL_FILLER = 38;

  private final Map<String, byte[]> vps = new LinkedHashMap<>();
  private final Map<String, byte[]> sps = new LinkedHashMap<>();
  private final Map<String, byte[]> pps = new LinkedHashMap<>();
  private final AccessUnitBuilder units = new AccessUnitBuilder();
  private long pts = -1;
  private long dts = -1;
  private long lastPts = -1;
  private long lastDts = -1;
  private long lastDelta = 3000;
  private boolean key;
  private boolean seenKey;
  private TrackFormat format;

  @Override
  public void onPes(long pesPts, long pesDts, byte[] payload, String file, List<EsFrame> out)
      throws PackagingException {
    if (pesPts >= 0) {
      emit(file, out);
      pts = pesPts;
      dts = pesDts >= 0 ? pesDts : pesPts;
    }
    // NAL units stay ranges of the payload until the access unit is written out once
    AnnexBCursor nals = new AnnexBCursor(payload, 0, payload.length);
    while (nals.next()) {
      int from = nals.from();
      int length = nals.length();
      if (length < 2) {
        continue;
      }
      int type = (payload[from] >> 1) & 0x3f;
      if (type == H265.NAL_AUD) {
        if (!units.isEmpty()) {
          emit(file, out);
          pts = -1;
          dts = -1;
        }
        continue;
      }
      if (type == NAL_FILLER) {
        continue;
      }
      // parameter sets are kept by content: the first of each kind describes the stream
      if (type == H265.NAL_VPS) {
        keep(vps, payload, from, nals.to());
      } else if (type == H265.NAL_SPS) {
        keep(sps, payload, from, nals.to());
      } else if (type == H265.NAL_PPS) {
        keep(pps, payload, from, nals.to());
      } else if (H265.isRandomAccess(type)) {
        key = true;
      }
      units.add(payload, from, length);
    }
  }

  private static void keep(Map<String, byte[]> sets, byte[] payload, int from, int to) {
    byte[] nal = Arrays.copyOfRange(payload, from, to);
    sets.putIfAbsent(new String(nal, StandardCharsets.ISO_8859_1), nal);
  }

  @Override
  public void flush(String file, List<EsFrame> out) throws PackagingException {
    emit(file, out);
    pts = -1;
    dts = -1;
  }

  @Override
  public TrackFormat format() {
    return format;
  }

  private void emit(String file, List<EsFrame> out) throws PackagingException {
    if (units.isEmpty()) {
      return;
    }
    if (pts < 0) {
      if (lastDts < 0) {
        units.clear();
        key = false;
        return;
      }
      dts = lastDts + lastDelta;
      pts = dts + (lastPts - lastDts);
    }
    if (key && format == null) {
      format = describe(file);
    }
    if (seenKey || key) {
      seenKey = true;
      out.add(new EsFrame(pts, dts, key, units.toLengthPrefixed()));
    }
    if (lastDts >= 0 && dts > lastDts) {
      lastDelta = dts - lastDts;
    }
    lastPts = pts;
    lastDts = dts;
    units.clear();
    key = false;
    pts = -1;
    dts = -1;
  }

  private TrackFormat describe(String file) throws PackagingException {
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
