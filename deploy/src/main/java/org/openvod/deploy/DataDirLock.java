package org.openvod.deploy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.OptionalLong;

/**
 * One launcher per data directory. An OS file lock (released by the OS even if the launcher is
 * killed) guards the directory; the file holds the owner's pid so a second launcher can say who
 * owns it.
 */
public final class DataDirLock implements AutoCloseable {

  static final String FILE = "vod.lock";

  /**
   * Locks this JVM holds. POSIX drops all of a process's locks on a file when any of its channels
   * to that file closes, so this JVM must never open a second channel to a file it has locked.
   */
  private static final java.util.Set<Path> HELD =
      java.util.concurrent.ConcurrentHashMap.newKeySet();

  private final Path file;
  private final FileChannel channel;
  private final FileLock lock;

  private DataDirLock(Path file, FileChannel channel, FileLock lock) {
    this.file = file;
    this.channel = channel;
    this.lock = lock;
  }

  /** Takes the lock, or throws naming the pid of the launcher that holds it. */
  public static DataDirLock acquire(Path dataDir) {
    Path file = dataDir.resolve(FILE);
    if (!HELD.add(file.toAbsolutePath())) {
      throw alreadyRunning(dataDir, file);
    }
    try {
      Files.createDirectories(dataDir);
      FileChannel channel =
          FileChannel.open(
              file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
      FileLock lock = channel.tryLock();
      if (lock == null) {
        channel.close();
        HELD.remove(file.toAbsolutePath());
        throw alreadyRunning(dataDir, file);
      }
      channel.truncate(0);
      channel.write(
          ByteBuffer.wrap(
              (ProcessHandle.current().pid() + " " + Instant.now() + "\n")
                  .getBytes(StandardCharsets.UTF_8)),
          0);
      channel.force(true);
      return new DataDirLock(file.toAbsolutePath(), channel, lock);
    } catch (IOException e) {
      HELD.remove(file.toAbsolutePath());
      throw new LaunchException("cannot lock " + file + ": " + e.getMessage(), e);
    }
  }

  private static LaunchException alreadyRunning(Path dataDir, Path file) {
    return new LaunchException(
        "the platform is already running from "
            + dataDir
            + " (launcher pid "
            + ownerPid(dataDir).stream().mapToObj(Long::toString).findFirst().orElse("unknown")
            + ", lock file "
            + file
            + "). Stop it with Ctrl-C in its terminal or ./vod down, or set VOD_DATA_DIR"
            + " (and other ports) to run a second platform.");
  }

  /** The pid of the launcher holding the lock, or empty when no launcher runs on this directory. */
  public static OptionalLong ownerPid(Path dataDir) {
    Path file = dataDir.resolve(FILE);
    if (HELD.contains(file.toAbsolutePath())) {
      return OptionalLong.of(ProcessHandle.current().pid());
    }
    if (!Files.exists(file)) {
      return OptionalLong.empty();
    }
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
      FileLock probe = channel.tryLock();
      if (probe != null) {
        probe.release();
        return OptionalLong.empty(); // nobody holds it: the last launcher is gone
      }
      String text = Files.readString(file, StandardCharsets.UTF_8).trim();
      return OptionalLong.of(Long.parseLong(text.split("\\s+")[0]));
    } catch (IOException
        | OverlappingFileLockException
        | NumberFormatException
        | ArrayIndexOutOfBoundsException e) {
      return OptionalLong.empty();
    }
  }

  @Override
  public void close() {
    try {
      lock.release();
      channel.close();
    } catch (IOException e) {
      // the OS drops the lock when the process ends anyway
    } finally {
      HELD.remove(file);
    }
  }
}
