package org.openvod.engine.source;

import java.io.IOException;
import org.openvod.engine.media.PackagingException;

/**
 * Opens files of a source by their path, relative to the source's root folder (the folder of the
 * .m3u8 or .smil the asset names). Paths use '/'; implementations must refuse paths that leave the
 * root's storage (a bucket) with {@link PackagingException.Reason#MISSING_SOURCE} or
 * MALFORMED_SOURCE.
 */
public interface SourceLocator {

  /** The file at {@code path}; a missing file is a {@link PackagingException} (MISSING_SOURCE). */
  ByteSource open(String path) throws IOException, PackagingException;
}
