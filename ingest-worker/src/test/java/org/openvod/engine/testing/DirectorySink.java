package org.openvod.engine.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.openvod.engine.output.OutputSink;

/** Writes an output's files under a folder and remembers the order they came in. */
public final class DirectorySink implements OutputSink {

  private final Path root;
  private final List<String> order = Collections.synchronizedList(new ArrayList<>());

  public DirectorySink(Path root) {
    this.root = root;
  }

  @Override
  public void put(String path, byte[] data, String contentType) throws IOException {
    Path file = root.resolve(path).normalize();
    if (!file.startsWith(root)) {
      throw new IOException("path leaves the output folder: " + path);
    }
    Files.createDirectories(file.getParent());
    Files.write(file, data);
    order.add(path);
  }

  public Path root() {
    return root;
  }

  /** Every path put, in order. */
  public List<String> order() {
    return List.copyOf(order);
  }
}
