package org.openvod.engine.source.hls;

import static org.openvod.engine.media.PackagingException.Reason.MALFORMED_SOURCE;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.openvod.engine.codec.Scte35;
import org.openvod.engine.media.AdMarker;
import org.openvod.engine.media.PackagingException;
import org.openvod.engine.media.TrackKind;
import org.openvod.engine.source.ByteSource;
import org.openvod.engine.source.SourceLocator;

/**
 * Reads the TS segments of one media playlist, one segment at a time, into access units per
 * elementary stream (by PID) on one continuous 90 kHz timeline.
 */
final class RenditionReader {

  /**
   * The access units of one segment, per PID in PMT order, times unwrapped; and the ad markers of
   * its SCTE-35 sections and playlist cue tags.
   */
  record SegmentFrames(Map<Integer, List<EsFrame>> byPid, List<AdMarker> markers) {}

  /** An SCTE-35 section and the 33-bit pts of the PES read last before it ("now"). */
  private record Section(byte[] data, long now) {}

  private final SourceLocator source;
  private final MediaPlaylist playlist;
  private final TsPacketReader packets = new TsPacketReader();
  private final Map<Integer, EsParser> parsers = new LinkedHashMap<>();
  private final Map<Integer, TsPacketReader.EsEntry> entries = new LinkedHashMap<>();
  private final TimestampUnwrapper unwrapper = new TimestampUnwrapper();
  private int next;
  private double nextStartSeconds;
  private String openPath;
  private ByteSource openSource;
  private long lastSegmentBytes;

  /**
   * One segment's bytes, reused for the next: the TS reader copies what it keeps, so the reader
   * allocates no array per segment.
   */
  private byte[] buffer = new byte[0];

  RenditionReader(SourceLocator source, MediaPlaylist playlist) {
    this.source = source;
    this.playlist = playlist;
  }

  MediaPlaylist playlist() {
    return playlist;
  }

  boolean hasNext() {
    return next < playlist.segments().size();
  }

  /** Playlist time at which the next segment starts, to interleave renditions. */
  double nextStartSeconds() {
    return nextStartSeconds;
  }

  long lastSegmentBytes() {
    return lastSegmentBytes;
  }

  EsParser parser(int pid) {
    return parsers.get(pid);
  }

  TsPacketReader.EsEntry entry(int pid) {
    return entries.get(pid);
  }

  SegmentFrames readNext() throws IOException, PackagingException {
    MediaSegment segment = playlist.segments().get(next);
    int length = load(segment);
    byte[] data = buffer;
    lastSegmentBytes = length;
    String file = segment.path();
    Map<Integer, List<EsFrame>> frames = new LinkedHashMap<>();
    List<Section> sections = new ArrayList<>();
    long[] lastPts = {-1};
    packets.read(
        data,
        length,
        file,
        new TsPacketReader.PesListener() {
          @Override
          public void onPmt(Map<Integer, TsPacketReader.EsEntry> streams)
              throws PackagingException {
            for (TsPacketReader.EsEntry entry : streams.values()) {
              if (!entries.containsKey(entry.pid())) {
                entries.put(entry.pid(), entry);
                EsParser parser = StreamTypes.parserFor(entry, file);
                if (parser != null) {
                  parsers.put(entry.pid(), parser);
                }
              }
            }
          }

          @Override
          public void onSection(TsPacketReader.EsEntry stream, byte[] section) {
            sections.add(new Section(section, lastPts[0]));
          }

          @Override
          public void onPes(TsPacketReader.EsEntry stream, long pts, long dts, byte[] payload)
              throws PackagingException {
            onPes(stream, pts, dts, payload, 0, payload.length);
          }

          @Override
          public void onPes(
              TsPacketReader.EsEntry stream,
              long pts,
              long dts,
              byte[] buffer,
              int offset,
              int length)
              throws PackagingException {
            if (pts >= 0) {
              lastPts[0] = pts;
            }
            EsParser parser = parsers.get(stream.pid());
            if (parser != null) {
              parser.onPes(
                  pts,
                  dts,
                  buffer,
                  offset,
                  length,
                  file,
                  frames.computeIfAbsent(stream.pid(), k -> new ArrayList<>()));
            }
          }
        });
    if (entries.isEmpty()) {
      throw new PackagingException(MALFORMED_SOURCE, file + ": no PAT/PMT found in the segment");
    }
    for (Map.Entry<Integer, EsParser> parser : parsers.entrySet()) {
      parser
          .getValue()
          .flush(file, frames.computeIfAbsent(parser.getKey(), k -> new ArrayList<>()));
    }
    Map<Integer, List<EsFrame>> unwrapped = new LinkedHashMap<>();
    for (Map.Entry<Integer, List<EsFrame>> e : frames.entrySet()) {
      List<EsFrame> list = new ArrayList<>(e.getValue().size());
      for (EsFrame f : e.getValue()) {
        long dts = unwrapper.unwrap(f.dts());
        long pts = dts + wrapDelta(f.pts() - f.dts());
        list.add(new EsFrame(pts, dts, f.keyframe(), f.data()));
      }
      unwrapped.put(e.getKey(), list);
    }
    nextStartSeconds += segment.durationSeconds();
    next++;
    return new SegmentFrames(unwrapped, markers(segment, sections, unwrapped));
  }

  /**
   * The segment's markers: each SCTE-35 section at its splice time (or, for "now", at the pts read
   * before it), then the playlist's cue tags at the segment's first presentation time. Sections
   * that are no valid splice_info_section are skipped: a broken ad marker is no reason to refuse
   * the media.
   */
  private List<AdMarker> markers(
      MediaSegment segment, List<Section> sections, Map<Integer, List<EsFrame>> frames) {
    if (sections.isEmpty() && segment.cueTags().isEmpty()) {
      return List.of();
    }
    List<AdMarker> out = new ArrayList<>();
    for (Section section : sections) {
      Scte35.Signal signal;
      try {
        signal = Scte35.parse(section.data());
      } catch (IllegalArgumentException e) {
        continue;
      }
      long time = signal == null ? -1 : signal.time() >= 0 ? signal.time() : section.now();
      if (time >= 0) {
        out.add(
            AdMarker.of(
                unwrapper.nearest(time),
                AdMarker.Kind.valueOf(signal.type().name()),
                signal.duration(),
                signal.eventId(),
                section.data(),
                List.of()));
      }
    }
    // the segment starts where its video does (the segmenter cuts at a video key frame)
    long start = Long.MAX_VALUE;
    long anyStart = Long.MAX_VALUE;
    for (Map.Entry<Integer, List<EsFrame>> e : frames.entrySet()) {
      EsParser parser = parsers.get(e.getKey());
      boolean video =
          parser != null && parser.format() != null && parser.format().kind() == TrackKind.VIDEO;
      for (EsFrame f : e.getValue()) {
        anyStart = Math.min(anyStart, f.pts());
        if (video) {
          start = Math.min(start, f.pts());
        }
      }
    }
    start = start == Long.MAX_VALUE ? anyStart : start;
    if (start != Long.MAX_VALUE) {
      out.addAll(CueTags.markers(segment.cueTags(), start));
    }
    return out;
  }

  /** pts - dts of one frame, which may straddle a 33-bit wrap. */
  private static long wrapDelta(long delta) {
    long wrap = 1L << 33;
    if (delta > wrap / 2) {
      return delta - wrap;
    }
    if (delta < -wrap / 2) {
      return delta + wrap;
    }
    return delta;
  }

  /** Reads a segment into {@link #buffer} (grown when too small); returns its length. */
  private int load(MediaSegment segment) throws IOException, PackagingException {
    if (!segment.path().equals(openPath)) {
      openSource = source.open(segment.path());
      openPath = segment.path();
    }
    long fileLength = openSource.length();
    long offset = segment.offset();
    long length = segment.length() < 0 ? fileLength : segment.length();
    if (offset + length > fileLength) {
      throw new PackagingException(
          MALFORMED_SOURCE,
          playlist.path()
              + ": byte range "
              + length
              + "@"
              + offset
              + " runs past the end of "
              + segment.path()
              + " ("
              + fileLength
              + " bytes)");
    }
    if (length > Integer.MAX_VALUE - 8) {
      throw new PackagingException(
          MALFORMED_SOURCE, segment.path() + ": a segment of " + length + " bytes is too large");
    }
    if (buffer.length < length) {
      buffer = new byte[(int) length];
    }
    int read = openSource.readInto(offset, buffer, (int) length);
    if (read != length) {
      throw new PackagingException(
          MALFORMED_SOURCE,
          segment.path() + ": read " + read + " of " + length + " bytes (truncated)");
    }
    return read;
  }
}
