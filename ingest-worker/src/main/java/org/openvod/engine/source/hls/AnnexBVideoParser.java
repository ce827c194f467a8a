package org.openvod.engine.source.hls;

import java.util.List;
import org.openvod.engine.codec.AccessUnitBuilder;
import org.openvod.engine.codec.AnnexBCursor;
import org.openvod.engine.media.PackagingException;

/**
 * Annex B video in TS (H.264, H.265) to access units of 4-byte length-prefixed NAL units without
 * AUDs. An access unit starts with each PES that has a PTS, or with an AUD inside a PES; one
 * without a time of its own gets the last one's plus the last frame duration. Frames before the
 * first key frame are dropped. The codec says what its NAL header means and how its parameter sets
 * describe the stream.
 */
abstract class AnnexBVideoParser implements EsParser {

  /** What {@link #nalType} says of a unit to drop (empty, or too short for a header). */
  static final int SKIP = -1;

  private final AccessUnitBuilder units = new AccessUnitBuilder();
  private long pts = -1;
  private long dts = -1;
  private long lastPts = -1;
  private long lastDts = -1;
  private long lastDelta = 3000;
  private boolean key;
  private boolean seenKey;
  private TrackFormat format;

  /** The unit's NAL type from its header at {@code payload[from]}, or {@link #SKIP}. */
  abstract int nalType(byte[] payload, int from, int length);

  abstract boolean isAccessUnitDelimiter(int type);

  abstract boolean isFiller(int type);

  /**
   * Sees each unit the access unit keeps (parameter sets are copied out here: the payload is the
   * reader's buffer); true when it makes the access unit a key frame.
   */
  abstract boolean onUnit(int type, byte[] payload, int from, int to, String file)
      throws PackagingException;

  /** The stream's format from the parameter sets seen so far, at the first key frame. */
  abstract TrackFormat describe(String file) throws PackagingException;

  @Override
  public final void onPes(long pesPts, long pesDts, byte[] payload, String file, List<EsFrame> out)
      throws PackagingException {
    onPes(pesPts, pesDts, payload, 0, payload.length, file, out);
  }

  /**
   * Reads the NAL units in the reader's buffer in place. An access unit that goes on from the last
   * PES is copied out of that PES's buffer first, which the reader reuses after this call.
   */
  @Override
  public final void onPes(
      long pesPts,
      long pesDts,
      byte[] payload,
      int offset,
      int size,
      String file,
      List<EsFrame> out)
      throws PackagingException {
    if (pesPts >= 0) {
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
      int type = nalType(payload, from, length);
      if (type == SKIP) {
        continue;
      }
      if (isAccessUnitDelimiter(type)) {
        if (!units.isEmpty()) {
          emit(file, out);
          pts = -1; // an access unit inside a PES: its time is inferred
          dts = -1;
        }
        continue;
      }
      if (isFiller(type)) {
        continue;
      }
      key |= onUnit(type, payload, from, nals.to(), file);
      units.add(payload, from, length);
    }
  }

  @Override
  public final void flush(String file, List<EsFrame> out) throws PackagingException {
    emit(file, out);
    pts = -1;
    dts = -1;
  }

  @Override
  public final TrackFormat format() {
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
}
