package org.openvod.engine.source;

import static org.openvod.engine.media.PackagingException.Reason.MISSING_SOURCE;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.openvod.engine.media.PackagingException;

/** Source files in a local folder (tests, benchmarks, tools); refuses paths that leave it. */
public final class FileSourceLocator implements SourceLocator {

  private final Path root;

  public FileSourceLocator(Path root) {
    this.root = root.toAbsolutePath().normalize();
  }

  @Override
  public ByteSource open(String path) throws PackagingException {
    Path file = root.resolve(path).normalize();
    if (!file.startsWith(root)) {
      throw new PackagingException(MISSING_SOURCE, path + ": leaves the source folder");
    }
    if (!Files.isRegularFile(file)) {
      throw new PackagingException(MISSING_SOURCE, path + ": no such source file");
    }
    return new ByteSource() {
      @Override
      public long length() throws IOException {
        return Files.size(file);
      }

      @Override
      public InputStream open(long offset, long length) throws IOException {
        FileChannel channel = FileChannel.open(file, StandardOpenOption.READ);
        channel.position(offset);
        InputStream in = Channels.newInputStream(channel);
        return new InputStream() {
          private long left = length;

          @Override
          public int read() throws IOException {
            if (left <= 0) {
              return -1;
            }
            int b = in.read();
            if (b >= 0) {
              left--;
            }
            return b;
          }

          @Override
          public int read(byte[] buffer, int off, int len) throws IOException {
            if (left <= 0) {
              return -1;
            }
            int n = in.read(buffer, off, (int) Math.min(len, left));
            if (n > 0) {
              left -= n;
            }
            return n;
          }

          @Override
          public void close() throws IOException {
            in.close();
          }
        };
      }
    };
  }
}
