package org.openvod.engine.playback;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import org.openvod.engine.media.PackagingException;
import org.openvod.engine.source.ByteSource;
import org.openvod.engine.source.SourceLocator;

/** A source on the local file system: paths resolve against one folder and may not leave it. */
record FolderSourceLocator(Path root) implements SourceLocator {

  FolderSourceLocator {
    root = root.toAbsolutePath().normalize();
  }

  @Override
  public ByteSource open(String path) throws PackagingException {
    Path file = root.resolve(path).normalize();
    if (!file.startsWith(root)) {
      throw new PackagingException(
          PackagingException.Reason.MISSING_SOURCE, path + " leaves the source folder");
    }
    if (!Files.isRegularFile(file)) {
      throw new PackagingException(PackagingException.Reason.MISSING_SOURCE, path + " not found");
    }
    return new ByteSource() {
      @Override
      public long length() throws IOException {
        return Files.size(file);
      }

      @Override
      public InputStream open(long offset, long length) throws IOException {
        FileChannel channel = FileChannel.open(file);
        channel.position(offset);
        long end = Math.min(channel.size(), offset + length);
        InputStream in = Channels.newInputStream(channel);
        return new BoundedInputStream(in, Math.max(0, end - offset));
      }
    };
  }

  /** Stops after {@code left} bytes; closing it closes the file. */
  private static final class BoundedInputStream extends InputStream {
    private final InputStream in;
    private long left;

    BoundedInputStream(InputStream in, long left) {
      this.in = in;
      this.left = left;
    }

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
  }
}
