package org.openvod.engine.playback;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.openvod.engine.output.OutputSink;

/** Writes one output's files under a folder, as the S3 sink writes them under a key prefix. */
record FolderOutputSink(Path root) implements OutputSink {

  @Override
  public void put(String path, byte[] data, String contentType) throws IOException {
    Path file = root.resolve(path).normalize();
    if (!file.startsWith(root.normalize())) {
      throw new IOException("output path " + path + " leaves the output folder");
    }
    Files.createDirectories(file.getParent());
    Files.write(file, data);
  }
}
