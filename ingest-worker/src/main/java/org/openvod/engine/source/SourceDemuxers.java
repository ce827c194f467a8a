package org.openvod.engine.source;

import java.util.Locale;
import org.openvod.engine.media.PackagingException;
import org.openvod.engine.pipeline.Demuxer;
import org.openvod.engine.source.hls.HlsDemuxer;
import org.openvod.engine.source.smil.SmilDemuxer;

/** Picks the demuxer of a source by its root file's extension. */
public final class SourceDemuxers {

  private SourceDemuxers() {}

  public static Demuxer forRootFile(SourceLocator source, String rootFile)
      throws PackagingException {
    String lower = rootFile == null ? "" : rootFile.toLowerCase(Locale.ROOT);
    if (lower.endsWith(".m3u8")) {
      return new HlsDemuxer(source, rootFile);
    }
    if (lower.endsWith(".smil")) {
      return new SmilDemuxer(source, rootFile);
    }
    throw new PackagingException(
        PackagingException.Reason.UNSUPPORTED_CONTENT,
        "root file " + rootFile + " is neither an .m3u8 nor a .smil");
  }
}
