package org.openvod.engine.output.hls;

import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import org.openvod.engine.output.OutputSink;

/**
 * Stores the finished TS segments of one rendition. Clear and SAMPLE-AES segments (whose samples
 * the TS writer already encrypted) go out as written; AES-128 segments are encrypted whole here,
 * after the muxer, with the segment's IV, and each of their key frames is also stored as a small
 * encrypted file of its own when I-frame playlists need it (see {@link RenditionKey#iframePath}).
 */
final class SegmentSealer {

  private final RenditionSegments record;
  private final OutputSink sink;
  private final boolean iframeFiles;

  SegmentSealer(RenditionSegments record, OutputSink sink, boolean iframeFiles) {
    this.record = record;
    this.sink = sink;
    this.iframeFiles = iframeFiles;
  }

  /**
   * The IV the TS writer encrypts samples of segment {@code index} with; null unless SAMPLE-AES.
   */
  byte[] sampleAesIv(int index) {
    RenditionKey key = record.key;
    return key != null && key.sampleAes() ? key.iv(index) : null;
  }

  /**
   * Stores segment {@code index} at {@code path}.
   *
   * @return the stored file's size
   */
  long put(String path, int index, TsSegmentWriter.Segment segment) throws IOException {
    RenditionKey key = record.key;
    if (key == null || !key.wholeSegment()) {
      sink.putParts(path, segment.data(), HlsTsOutput.TS_TYPE);
      return segment.data().length();
    }
    byte[] data = segment.data().toByteArray(); // AES-128 CBC runs over the whole segment
    if (iframeFiles) {
      List<TsSegmentWriter.KeyFrame> keyFrames = segment.keyFrames();
      for (int k = 0; k < keyFrames.size(); k++) {
        TsSegmentWriter.KeyFrame frame = keyFrames.get(k);
        byte[] clear =
            Arrays.copyOfRange(data, (int) frame.offset(), (int) (frame.offset() + frame.length()));
        sink.put(
            RenditionKey.iframePath(record.folder, index, k),
            key.seal(clear, index),
            HlsTsOutput.TS_TYPE);
      }
    }
    byte[] sealed = key.seal(data, index);
    sink.put(path, sealed, HlsTsOutput.TS_TYPE);
    return sealed.length;
  }
}
