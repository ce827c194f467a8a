package org.openvod.engine.source.hls;

import static org.openvod.engine.media.PackagingException.Reason.MALFORMED_SOURCE;
import static org.openvod.engine.media.PackagingException.Reason.UNSUPPORTED_CONTENT;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.openvod.engine.media.PackagingException;
import org.openvod.engine.media.Sample;
import org.openvod.engine.source.ByteSource;
import org.openvod.engine.source.SourceLocator;

/**
 * Reads the WebVTT segments of a subtitle rendition. Each segment becomes one sample holding the
 * whole file, so outputs pass it through unchanged (its cue times and X-TIMESTAMP-MAP stay valid
 * because TS outputs keep the source's timestamps).
 */
final class SubtitleReader {

  private static final int MAX_SEGMENT_BYTES = 4 << 20;

  private final SourceLocator source;
  private final MediaPlaylist playlist;
  private int next;
  private double nextStartSeconds;

  SubtitleReader(SourceLocator source, MediaPlaylist playlist) {
    this.source = source;
    this.playlist = playlist;
  }

  boolean hasNext() {
    return next < playlist.segments().size();
  }

  double nextStartSeconds() {
    return nextStartSeconds;
  }

  int segmentCount() {
    return playlist.segments().size();
  }

  /**
   * The next segment as a sample; {@code zeroPts} is the 90 kHz time at which playlist time 0
   * starts.
   */
  Sample readNext(int trackId, long zeroPts) throws IOException, PackagingException {
    MediaSegment segment = playlist.segments().get(next);
    ByteSource file = source.open(segment.path());
    long length = segment.length() < 0 ? file.length() - segment.offset() : segment.length();
    if (length > MAX_SEGMENT_BYTES) {
      throw new PackagingException(
          MALFORMED_SOURCE, segment.path() + ": a subtitle segment of " + length + " bytes");
    }
    byte[] data = file.read(segment.offset(), (int) length);
    String head = new String(data, 0, Math.min(data.length, 16), StandardCharsets.UTF_8);
    if (head.startsWith("\uFEFF")) {
      head = head.substring(1);
    }
    if (!head.startsWith("WEBVTT")) {
      throw new PackagingException(
          UNSUPPORTED_CONTENT, segment.path() + ": subtitle segments must be WebVTT");
    }
    long pts = zeroPts + Math.round(nextStartSeconds * 90000);
    long duration = Math.round(segment.durationSeconds() * 90000);
    nextStartSeconds += segment.durationSeconds();
    next++;
    return new Sample(trackId, pts, pts, duration, true, data);
  }
}
