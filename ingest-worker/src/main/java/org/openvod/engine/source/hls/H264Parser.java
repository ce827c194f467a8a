package org.openvod.engine.source.hls;

import static org.openvod.engine.media.PackagingException.Reason.MALFORMED_SOURCE;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.openvod.engine.codec.AccessUnitBuilder;
import org.openvod.engine.codec.AnnexBCursor;
import org.openvod.engine.codec.H264;
import org.openvod.engine.codec.Nal;
import org.openvod.engine.media.Codec;
import org.openvod.engine.media.PackagingException;
import org.openvod.engine.media.TrackKind;

/**
 * H.264 in TS (Annex B) to access units of 4-byte length-prefixed NAL units without AUDs. An access
 * unit starts with each PES that has a PTS, or with an AUD inside a PES.
 */
final class H264Parser implements EsParser {

  private final Map<Integer, byte[]> spsById = new TreeMap<>();
  private final Map<Integer, byte[]> ppsById = new TreeMap<>();
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
    onPes(pesPts, pesDts, payload, 0, payload.length, file, out);
  }

  /**
   * Reads the NAL units in the reader's buffer in place. An access unit that goes on from the last
   * PES is copied out of that PES's buffer first, which the reader reuses after this call.
   */
  @Override
  public void onPes(
      long pesPts,
      long pesDts,
      byte[] payload,
      int offset,
      int size,
      String file,
      List<EsFrame> out)
      throws PackagingException {
    boolean timed = pesPts >= 0;
    if (timed) {
      emit(file, out);
      pts = pesPts;
      dts = pesDts >= 0 ? pesDts : pesPts;
    }
    units.ownAllBut(payload);
    // NAL units stay ranges of the payload until the access unit is written out once
    AnnexBCursor nals = new AnnexBCursor(payload, offset, size);
    while (nals.next()) {
      int from = nals.from();
      int length = nals.length();
      int type = length == 0 ? -1 : payload[from] & 0x1f;
      if (type == H264.NAL_AUD) {
        if (!units.isEmpty()) {
          emit(file, out);
          pts = -1; // an access unit inside a PES: its time is inferred
          dts = -1;
        }
        continue;
      }
      if (type == 12 || length == 0) {
        continue; // filler data
      }
      if (type == H264.NAL_SPS) {
        byte[] nal = Arrays.copyOfRange(payload, from, nals.to());
        spsById.put(spsId(nal, file), nal);
      } else if (type == H264.NAL_PPS) {
        byte[] nal = Arrays.copyOfRange(payload, from, nals.to());
        ppsById.put(ppsId(nal, file), nal);
      } else if (type == H264.NAL_IDR) {
        key = true;
      }
      units.add(payload, from, length);
    }
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
        return; // data before the first timed access unit cannot be placed
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
