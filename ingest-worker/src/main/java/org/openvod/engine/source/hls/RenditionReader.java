package org.openvod.engine.source.hls;

import static org.openvod.engine.media.PackagingException.Reason.MALFORMED_SOURCE;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.openvod.engine.media.PackagingException;
import org.openvod.engine.source.ByteSource;
import org.openvod.engine.source.SourceLocator;

/**
 * Reads the TS segments of one media playlist, one segment at a time, into access units per
 * elementary stream (by PID) on one continuous 90 kHz timeline.
 */
final class RenditionReader {

  /** The access units of one segment, per PID in PMT order, times unwrapped. */
  record SegmentFrames(Map<Integer, List<EsFrame>> byPid) {}

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
    byte[] data = load(segment);
    lastSegmentBytes = data.length;
    String file = segment.path();
    Map<Integer, List<EsFrame>> frames = new LinkedHashMap<>();
    packets.read(
        data,
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
          public void onPes(TsPacketReader.EsEntry stream, long pts, long dts, byte[] payload)
              throws PackagingException {
            EsParser parser = parsers.get(stream.pid());
            if (parser != null) {
              parser.onPes(
                  pts,
                  dts,
                  payload,
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
    return new SegmentFrames(unwrapped);
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

  private byte[] load(MediaSegment segment) throws IOException, PackagingException {
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
    byte[] data = openSource.read(offset, (int) length);
    if (data.length != length) {
      throw new PackagingException(
          MALFORMED_SOURCE,
          segment.path() + ": read " + data.length + " of " + length + " bytes (truncated)");
    }
    return data;
  }
}
