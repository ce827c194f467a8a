package org.openvod.engine.source.smil;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.openvod.engine.media.PackagingException;
import org.openvod.engine.pipeline.Demuxer;
import org.openvod.engine.pipeline.MediaHandler;
import org.openvod.engine.pipeline.ProgressListener;
import org.openvod.engine.source.ByteSource;
import org.openvod.engine.source.SourceLocator;
import org.openvod.engine.source.mp4.Mp4Demuxer;
import org.openvod.engine.source.mp4.Mp4Rendition;

/**
 * A .smil source: the MP4 files it lists, each a rendition, read by {@link Mp4Demuxer}. Files are
 * resolved relative to the .smil's folder.
 */
public final class SmilDemuxer implements Demuxer {

  /** Largest .smil accepted; real ones are a few hundred bytes. */
  static final int MAX_SMIL_BYTES = 1 << 20;

  private final SourceLocator locator;
  private final String smilPath;

  public SmilDemuxer(SourceLocator locator, String smilPath) {
    this.locator = locator;
    this.smilPath = smilPath;
  }

  @Override
  public void run(MediaHandler downstream, ProgressListener progress)
      throws IOException, PackagingException, Exception {
    ByteSource smil = locator.open(smilPath);
    long length = smil.length();
    if (length > MAX_SMIL_BYTES) {
      throw new PackagingException(
          PackagingException.Reason.MALFORMED_SOURCE,
          smilPath + " is " + length + " bytes, larger than " + MAX_SMIL_BYTES);
    }
    List<SmilEntry> entries = SmilParser.parse(smil.read(0, (int) length), smilPath);
    List<Mp4Rendition> renditions = new ArrayList<>();
    for (SmilEntry entry : entries) {
      String path = SmilPaths.resolve(smilPath, entry.src());
      renditions.add(
          new Mp4Rendition(
              path,
              locator.open(path),
              entry.languages(),
              entry.audioNames(),
              entry.includeAudio()));
    }
    new Mp4Demuxer(renditions).run(downstream, progress);
  }
}
