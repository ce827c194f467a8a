package org.openvod.ingest.source;

import java.io.IOException;

/**
 * A read of the source failed in a way a retry will not fix (the object vanished, access was
 * denied). An {@link IOException} because {@link org.openvod.engine.source.ByteSource} may only
 * throw those; the job's retry policy knows not to retry it.
 */
public class PermanentSourceException extends IOException {

  public PermanentSourceException(String message, Throwable cause) {
    super(message, cause);
  }
}
