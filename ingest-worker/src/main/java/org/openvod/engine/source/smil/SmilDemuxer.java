package org.openvod.engine.source.smil;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.openvod.engine.codec.Srt;
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

  /** Largest SRT sidecar accepted (a feature film's is ~100 KB). */
  static final int MAX_SRT_BYTES = 8 << 20;

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
    SmilParser.Smil parsed = SmilParser.parseAll(smil.read(0, (int) length), smilPath);
    List<SmilEntry> entries = parsed.media();
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
    List<SrtSubtitles.Subtitles> subtitles = new ArrayList<>();
    for (SmilTextStream text : parsed.text()) {
      subtitles.add(readSrt(text));
    }
    MediaHandler sink = subtitles.isEmpty() ? downstream : new SrtSubtitles(downstream, subtitles);
    new Mp4Demuxer(renditions).run(sink, progress);
  }

  /** Reads and parses one SRT sidecar; a bad one refuses the source, naming the file. */
  private SrtSubtitles.Subtitles readSrt(SmilTextStream text)
      throws IOException, PackagingException {
    String path = SmilPaths.resolve(smilPath, text.src());
    ByteSource file = locator.open(path);
    long length = file.length();
    if (length > MAX_SRT_BYTES) {
      throw new PackagingException(
          PackagingException.Reason.MALFORMED_SOURCE,
          path + " is " + length + " bytes, larger than " + MAX_SRT_BYTES + " for an SRT file");
    }
    try {
      return new SrtSubtitles.Subtitles(
          text.language(), text.name(), Srt.parse(file.read(0, (int) length)));
    } catch (IllegalArgumentException e) {
      throw new PackagingException(
          PackagingException.Reason.MALFORMED_SOURCE,
          path + ": not a valid SRT file (" + e.getMessage() + ")",
          e);
    }
  }
}
