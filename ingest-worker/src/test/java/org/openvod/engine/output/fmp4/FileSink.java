package org.openvod.engine.output.fmp4;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.openvod.engine.output.OutputSink;

/** Writes an output into a folder and remembers the order and content types of the writes. */
public final class FileSink implements OutputSink {
  public final Path folder;
  public final List<String> order = new ArrayList<>();
  public final Map<String, String> types = new LinkedHashMap<>();

  public FileSink(Path folder) {
    this.folder = folder;
  }

  @Override
  public synchronized void put(String path, byte[] data, String contentType) throws IOException {
    if (types.containsKey(path)) {
      throw new AssertionError(path + " written twice");
    }
    if (path.startsWith("/") || path.contains("..")) {
      throw new AssertionError("bad path " + path);
    }
    Path file = folder.resolve(path);
    Files.createDirectories(file.getParent());
    Files.write(file, data);
    order.add(path);
    types.put(path, contentType);
  }

  public int indexOf(String path) {
    return order.indexOf(path);
  }

  public String text(String path) throws IOException {
    return Files.readString(folder.resolve(path));
  }

  /** Every file's bytes, by path (for determinism checks). */
  public Map<String, byte[]> contents() throws IOException {
    Map<String, byte[]> all = new LinkedHashMap<>();
    for (String path : order) {
      all.put(path, Files.readAllBytes(folder.resolve(path)));
    }
    return all;
  }
}
