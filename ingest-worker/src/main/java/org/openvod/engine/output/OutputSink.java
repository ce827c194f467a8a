package org.openvod.engine.output;

import java.io.IOException;

/**
 * Where one output (one packaging configuration) stores its files, by path relative to its folder.
 * The engine writes every segment and init segment before the manifests that name them, and the
 * parent manifest last, so a playback URL never names a file that is not stored.
 */
public interface OutputSink {

  void put(String path, byte[] data, String contentType) throws IOException;

  /**
   * Stores a file given in parts (a media segment: its boxes, then its samples' bytes), the same
   * file {@link #put} would store from the parts joined. The default joins them; a sink that can
   * stream the parts (a file, an upload's content provider) should override this to spare the copy.
   */
  default void putParts(String path, FileParts parts, String contentType) throws IOException {
    put(path, parts.toByteArray(), contentType);
  }
}
