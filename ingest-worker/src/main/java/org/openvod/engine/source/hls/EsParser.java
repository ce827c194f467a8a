package org.openvod.engine.source.hls;

import java.util.Arrays;
import java.util.List;
import org.openvod.engine.media.PackagingException;

/** Turns the PES packets of one elementary stream into access units. */
interface EsParser {

  /**
   * @param pts 33-bit PTS or -1
   * @param dts 33-bit DTS or -1
   */
  void onPes(long pts, long dts, byte[] payload, String file, List<EsFrame> out)
      throws PackagingException;

  /**
   * One PES payload as a range of a buffer the TS reader reuses: the buffer stays unchanged until
   * the next call of this method for the same stream has returned (the reader alternates two
   * buffers per stream), so a parser that keeps bytes longer copies them. By default the range is
   * copied into an array of its own for {@link #onPes(long, long, byte[], String, List)}.
   */
  default void onPes(
      long pts, long dts, byte[] buffer, int offset, int length, String file, List<EsFrame> out)
      throws PackagingException {
    onPes(pts, dts, Arrays.copyOfRange(buffer, offset, offset + length), file, out);
  }

  /** The stream ended (end of a segment): emit what is pending. */
  void flush(String file, List<EsFrame> out) throws PackagingException;

  /** The format, once the first access unit has been read; null before. */
  TrackFormat format();
}
