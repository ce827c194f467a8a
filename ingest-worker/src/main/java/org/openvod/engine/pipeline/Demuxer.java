package org.openvod.engine.pipeline;

import java.io.IOException;
import org.openvod.engine.media.PackagingException;

/**
 * Reads a whole source and pushes its streams and samples downstream. Memory stays bounded: a
 * demuxer holds at most one source segment or chunk at a time, never the whole file.
 */
public interface Demuxer {

  /**
   * @param downstream receives every stream info, then samples, then {@link MediaHandler#onEnd}
   * @param progress receives the share of the source read so far, 0..1
   */
  void run(MediaHandler downstream, ProgressListener progress)
      throws IOException, PackagingException, Exception;
}
