package org.openvod.engine.source.mp4;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.util.Arrays;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.openvod.engine.media.PackagingException;
import org.openvod.engine.source.ByteSource;

/**
 * Sample reads served from windows, whose arrays are read into again once dropped: every read must
 * give the file's bytes, also when tracks far apart in the file take turns (windows are dropped and
 * reused) and when a sample runs past the end of a window.
 */
class ReadWindowsTest {

  private static ByteSource over(byte[] content) {
    return new ByteSource() {
      @Override
      public long length() {
        return content.length;
      }

      @Override
      public InputStream open(long offset, long length) {
        int from = (int) Math.min(offset, content.length);
        int to = (int) Math.min(content.length, offset + length);
        return new ByteArrayInputStream(Arrays.copyOfRange(content, from, to));
      }
    };
  }

  @Test
  void tracksFarApartTakingTurnsReadTheFilesBytes() throws Exception {
    byte[] content = new byte[5 * ReadWindows.WINDOW_BYTES + 12345];
    new Random(7).nextBytes(content);
    AtomicLong counted = new AtomicLong();
    // two tracks: three windows at most, so a third region drops one and reuses its array
    ReadWindows windows =
        new ReadWindows(over(content), "t.mp4", 2, content.length, counted::addAndGet);
    long[] cursors = {0, 2L * ReadWindows.WINDOW_BYTES + 99, 4L * ReadWindows.WINDOW_BYTES + 7};
    Random random = new Random(11);
    for (int i = 0; i < 3000; i++) {
      int track = i % 3;
      int length = 1 + random.nextInt(i % 50 == 0 ? 300_000 : 20_000);
      long offset = cursors[track];
      if (offset + length > content.length) {
        continue;
      }
      byte[] read = windows.read(offset, length);
      assertArrayEquals(
          Arrays.copyOfRange(content, (int) offset, (int) offset + length),
          read,
          "read " + i + ": " + length + " bytes at " + offset);
      cursors[track] = offset + length;
    }
    assertTrue(counted.get() >= content.length / 2, "the windows read the file: " + counted);
  }

  @Test
  void aSamplePastTheEndOfTheFileIsTruncatedMedia() {
    byte[] content = new byte[1000];
    ReadWindows windows = new ReadWindows(over(content), "t.mp4", 1, 2000, bytes -> {});
    assertThrows(PackagingException.class, () -> windows.read(900, 200));
  }
}
