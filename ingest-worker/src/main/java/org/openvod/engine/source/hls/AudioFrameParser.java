package org.openvod.engine.source.hls;

import static org.openvod.engine.media.PackagingException.Reason.MALFORMED_SOURCE;

import java.util.Arrays;
import java.util.List;
import org.openvod.engine.media.PackagingException;

/**
 * Self-delimiting audio frames (ADTS, AC-3, E-AC-3) to one access unit per frame. A PES PTS belongs
 * to the first frame that starts in that PES; the frames after it get times counted on from their
 * sample counts. Frames may span PES packets and segments.
 */
abstract class AudioFrameParser implements EsParser {

  private static final long MASK_33 = (1L << 33) - 1;

  /** One frame header: where the access unit ends and what it holds. */
  record Frame(int length, int payloadOffset, int samples, int sampleRate) {}

  private byte[] pending = new byte[0];
  private long basePts = -1;
  private long samplesSinceBase;
  private TrackFormat format;

  /** The frame at {@code p}, null when no valid header starts there. */
  abstract Frame frameAt(byte[] data, int p, int limit, String file) throws PackagingException;

  /** The bytes a header needs before {@link #frameAt} can tell its length. */
  abstract int headerBytes();

  abstract TrackFormat describe(byte[] data, int p, int limit);

  abstract String codecName();

  @Override
  public final void onPes(long pts, long dts, byte[] payload, String file, List<EsFrame> out)
      throws PackagingException {
    int carried = pending.length;
    byte[] data = carried == 0 ? payload : concat(pending, payload);
    int p = 0;
    boolean timeApplied = pts < 0;
    while (p < data.length) {
      if (data.length - p < headerBytes()) {
        break;
      }
      Frame frame = frameAt(data, p, data.length, file);
      if (frame == null) {
        throw new PackagingException(
            MALFORMED_SOURCE, file + ": " + codecName() + " stream lost its frame sync");
      }
      if (p + frame.length() > data.length) {
        break;
      }
      if (!timeApplied && p >= carried) {
        basePts = pts;
        samplesSinceBase = 0;
        timeApplied = true;
      }
      if (format == null) {
        format = describe(data, p, data.length);
      }
      if (basePts >= 0) {
        long time = basePts + samplesSinceBase * 90000L / frame.sampleRate();
        byte[] unit = Arrays.copyOfRange(data, p + frame.payloadOffset(), p + frame.length());
        out.add(new EsFrame(time & MASK_33, time & MASK_33, true, unit));
        samplesSinceBase += frame.samples();
      }
      p += frame.length();
    }
    if (!timeApplied && p >= carried) {
      // this PES's first frame is still incomplete: it keeps the PES's time for later
      basePts = pts;
      samplesSinceBase = 0;
    }
    pending = Arrays.copyOfRange(data, p, data.length);
  }

  @Override
  public final void flush(String file, List<EsFrame> out) {
    // a frame split across segments completes with the next segment's first PES
  }

  @Override
  public final TrackFormat format() {
    return format;
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] c = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, c, a.length, b.length);
    return c;
  }
}
