package org.openvod.engine.source.hls;

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

  /** The stream ended (end of a segment): emit what is pending. */
  void flush(String file, List<EsFrame> out) throws PackagingException;

  /** The format, once the first access unit has been read; null before. */
  TrackFormat format();
}
