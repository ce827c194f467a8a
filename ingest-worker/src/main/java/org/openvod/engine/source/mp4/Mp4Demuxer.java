package org.openvod.engine.source.mp4;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
import org.openvod.engine.media.PackagingException;
import org.openvod.engine.media.StreamInfo;
import org.openvod.engine.media.TrackKind;
import org.openvod.engine.pipeline.Demuxer;
import org.openvod.engine.pipeline.MediaHandler;
import org.openvod.engine.pipeline.ProgressListener;

/**
 * Reads a set of non-fragmented MP4 files (the renditions of one source) and pushes their tracks
 * downstream: every moov first (stream infos of all files, track ids numbered 1.. in file order),
 * then the samples of all tracks merged in decode-time order, read chunk by chunk.
 */
public final class Mp4Demuxer implements Demuxer {

  /** Most streams one source may have (MediaPackage's limit). */
  public static final int MAX_STREAMS = 20;

  private final List<Mp4Rendition> renditions;

  public Mp4Demuxer(List<Mp4Rendition> renditions) {
    this.renditions = List.copyOf(renditions);
  }

  @Override
  public void run(MediaHandler downstream, ProgressListener progress)
      throws IOException, PackagingException, Exception {
    long totalBytes = 0;
    List<Opened> tracks = new ArrayList<>();
    for (int r = 0; r < renditions.size(); r++) {
      Mp4Rendition rendition = renditions.get(r);
      long length = rendition.source().length();
      totalBytes += length;
      byte[] moov = MoovLocator.readMoov(rendition.source(), rendition.path());
      List<Mp4Track> parsed = new MoovParser(rendition.path(), length).parse(moov);
      if (parsed.isEmpty()) {
        throw new PackagingException(
            PackagingException.Reason.UNSUPPORTED_CONTENT,
            rendition.path() + ": no audio or video track");
      }
      int audioIndex = 0;
      for (Mp4Track track : parsed) {
        if (track.kind() == TrackKind.AUDIO) {
          int index = audioIndex++;
          if (rendition.includesAudio(index)) {
            tracks.add(
                new Opened(
                    rendition,
                    r + 1,
                    track,
                    rendition.language(index, track.language()),
                    rendition.audioName(index)));
          }
        } else {
          tracks.add(new Opened(rendition, r + 1, track, track.language(), null));
        }
      }
    }
    if (tracks.stream().noneMatch(t -> t.track.kind() == TrackKind.VIDEO)) {
      throw new PackagingException(
          PackagingException.Reason.UNSUPPORTED_CONTENT,
          "the source has no video track; audio-only sources are not supported");
    }
    if (tracks.size() > MAX_STREAMS) {
      throw new PackagingException(
          PackagingException.Reason.TOO_MANY_STREAMS,
          "the source has " + tracks.size() + " streams, more than " + MAX_STREAMS);
    }
    Progress counter = new Progress(progress, totalBytes);
    java.util.Map<Mp4Rendition, ReadWindows> readers = new java.util.IdentityHashMap<>();
    for (Opened opened : tracks) {
      List<Opened> same = tracks.stream().filter(t -> t.rendition == opened.rendition).toList();
      long dataEnd = same.stream().mapToLong(t -> t.track.samples().dataEnd()).max().orElse(0);
      readers.computeIfAbsent(
          opened.rendition,
          r -> new ReadWindows(r.source(), r.path(), same.size(), dataEnd, counter::add));
    }
    PriorityQueue<Pending> queue =
        new PriorityQueue<>(
            Comparator.comparingDouble(Pending::seconds).thenComparingInt(Pending::order));
    for (int i = 0; i < tracks.size(); i++) {
      Opened opened = tracks.get(i);
      int trackId = i + 1;
      downstream.onStreamInfo(opened.info(trackId));
      TrackCursor cursor =
          new TrackCursor(
              opened.track,
              trackId,
              readers.get(opened.rendition),
              opened.rendition.path() + ": track " + opened.track.fileTrackId());
      if (cursor.hasNext()) {
        queue.add(new Pending(cursor, i, cursor.nextDecodeSeconds()));
      }
    }
    while (!queue.isEmpty()) {
      Pending pending = queue.poll();
      downstream.onSample(pending.cursor.next());
      if (pending.cursor.hasNext()) {
        queue.add(new Pending(pending.cursor, pending.order, pending.cursor.nextDecodeSeconds()));
      }
    }
    progress.onProgress(1.0);
    downstream.onEnd();
  }

  private record Pending(TrackCursor cursor, int order, double seconds) {}

  /** A track picked for output, with what the manifest said of it. */
  private record Opened(
      Mp4Rendition rendition, int renditionId, Mp4Track track, String language, String name) {

    StreamInfo info(int trackId) {
      boolean video = track.kind() == TrackKind.VIDEO;
      return new StreamInfo(
          trackId,
          renditionId,
          track.kind(),
          track.codec(),
          track.codecString(),
          track.timescale(),
          track.width(),
          track.height(),
          video ? track.frameRate() : 0,
          track.sampleRate(),
          track.channels(),
          track.decoderConfig(),
          track.averageBitrate(),
          language,
          name);
    }
  }

  /** Turns bytes read into a never-decreasing fraction. */
  private static final class Progress {
    private final ProgressListener listener;
    private final long total;
    private long read;
    private double reported;

    Progress(ProgressListener listener, long total) {
      this.listener = listener;
      this.total = Math.max(1, total);
    }

    void add(long bytes) {
      read += bytes;
      double fraction = Math.min(1.0, read / (double) total);
      if (fraction > reported) {
        reported = fraction;
        listener.onProgress(fraction);
      }
    }
  }
}
