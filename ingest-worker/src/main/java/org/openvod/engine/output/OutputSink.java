package org.openvod.engine.output;

import java.io.IOException;

/**
 * Where one output (one packaging configuration) stores its files, by path relative to its folder.
 * The engine writes every segment and init segment before the manifests that name them, and the
 * parent manifest last, so a playback URL never names a file that is not stored.
 */
public interface OutputSink {

  void put(String path, byte[] data, String contentType) throws IOException;
}
