package org.openvod.engine.source.mp4;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.openvod.engine.media.PackagingException;
import org.openvod.engine.source.ByteSource;

/**
 * Serves the sample reads of one file's tracks from a few large ranged reads. MP4 muxers interleave
 * tracks in small chunks, so reading chunk by chunk would cost thousands of range requests; the
 * tracks of a file advance through it together, so one window read serves all of them. A few
 * windows are kept (one per track, plus one) so that files whose tracks are not interleaved still
 * read each byte about once; a new window stops where a kept one starts.
 */
final class ReadWindows {

  static final int WINDOW_BYTES = 1 << 20;

  private final ByteSource source;
  private final String where;
  private final int maxWindows;
  private final long dataEnd;
  private final TrackCursor.ReadCounter counter;

  /** Most recently used last. */
  private final List<Window> windows = new ArrayList<>();

  /** The array of the window dropped last, read into again by the next window that fits it. */
  private byte[] spare;

  /** The first {@code length} bytes of {@code bytes} are the file's from {@code start}. */
  private record Window(long start, byte[] bytes, int length) {
    long end() {
      return start + length;
    }

    boolean holds(long offset, int length) {
      return offset >= start && offset + length <= end();
    }
  }

  /**
   * @param dataEnd end of the last sample in the file: windows stop there, so a moov at the end is
   *     not read twice
   */
  ReadWindows(
      ByteSource source, String where, int tracks, long dataEnd, TrackCursor.ReadCounter counter) {
    this.source = source;
    this.dataEnd = dataEnd;
    this.where = where;
    this.maxWindows = tracks + 1;
    this.counter = counter;
  }

  byte[] read(long offset, int length) throws IOException, PackagingException {
    for (int i = windows.size() - 1; i >= 0; i--) {
      Window w = windows.get(i);
      if (w.holds(offset, length)) {
        if (i != windows.size() - 1) {
          windows.add(windows.remove(i));
        }
        return copy(w, offset, length);
      }
    }
    // a sample that starts in a kept window and runs past its end: keep its head, read the rest
    for (Window w : windows) {
      if (offset >= w.start() && offset < w.end()) {
        int head = (int) (w.end() - offset);
        byte[] out = new byte[length];
        System.arraycopy(w.bytes(), (int) (offset - w.start()), out, 0, head);
        byte[] tail = read(w.end(), length - head);
        System.arraycopy(tail, 0, out, head, tail.length);
        return out;
      }
    }
    long end = Math.max(offset + length, Math.min(dataEnd, offset + WINDOW_BYTES));
    for (Window w : windows) {
      if (w.start() >= offset + length && w.start() < end) {
        end = w.start();
      }
    }
    int size = (int) (end - offset);
    byte[] bytes = spare != null && spare.length >= size ? spare : new byte[size];
    spare = null;
    int got = source.readInto(offset, bytes, size);
    counter.add(got);
    if (got < length) {
      throw new PackagingException(
          PackagingException.Reason.MALFORMED_SOURCE,
          where + ": media data truncated at " + (offset + got));
    }
    Window window = new Window(offset, bytes, got);
    windows.add(window);
    if (windows.size() > maxWindows) {
      spare = windows.remove(0).bytes();
    }
    return copy(window, offset, length);
  }

  private static byte[] copy(Window w, long offset, int length) {
    byte[] out = new byte[length];
    System.arraycopy(w.bytes(), (int) (offset - w.start()), out, 0, length);
    return out;
  }
}
