package org.openvod.engine.source.mp4;

import java.io.IOException;
import org.openvod.engine.media.PackagingException;
import org.openvod.engine.media.Sample;

/**
 * Walks one track's samples in decode order, reading them a run of contiguous samples (a chunk, or
 * part of one) at a time: one ranged read per run, never the whole mdat.
 */
final class TrackCursor {

  private final Mp4Track track;
  private final int trackId;
  private final ReadWindows reader;
  private final String where;
  private int next;

  /** Counts the bytes read, for progress. */
  interface ReadCounter {
    void add(long bytes);
  }

  TrackCursor(Mp4Track track, int trackId, ReadWindows reader, String where) {
    this.track = track;
    this.trackId = trackId;
    this.reader = reader;
    this.where = where;
  }

  boolean hasNext() {
    return next < track.samples().count();
  }

  /** Decode time of the next sample in seconds, to interleave tracks. */
  double nextDecodeSeconds() {
    return (track.samples().dts()[next] + track.timeOffset()) / (double) track.timescale();
  }

  Sample next() throws IOException, PackagingException {
    SampleTable table = track.samples();
    int i = next++;
    byte[] data = reader.read(table.offsets()[i], table.sizes()[i]);
    // 4-byte lengths are the engine's format already (and the message would be built per sample)
    if (track.nalLengthSize() > 0 && track.nalLengthSize() != 4) {
      data =
          NalLengths.toFourByteLengths(data, track.nalLengthSize(), where + " sample " + (i + 1));
    }
    long offset = track.timeOffset();
    return new Sample(
        trackId,
        table.dts()[i] + offset,
        table.pts(i) + offset,
        table.duration(i),
        table.isSync(i),
        data);
  }
}
