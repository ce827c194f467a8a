package org.openvod.engine.source.mp4;

import java.util.ArrayList;
import java.util.List;
import org.openvod.engine.media.PackagingException;
import org.openvod.engine.media.TrackKind;
import org.openvod.engine.source.mp4.BoxReader.Box;

/**
 * Parses a moov box payload into its audio and video tracks. Tracks of other handler types (timed
 * text, timecode, hint) are skipped; encrypted or unknown audio/video codecs are refused.
 *
 * <pre>
 * moov ─ mvhd (movie timescale)
 *      ─ trak ─ tkhd (track_ID)
 *             ─ edts ─ elst (start offset)
 *             ─ mdia ─ mdhd (timescale, language)
 *                    ─ hdlr (vide | soun | ...)
 *                    ─ minf ─ stbl ─ stsd (avc1+avcC | mp4a+esds | encv/enca+sinf)
 *                                  ─ stts ctts stss stsz stsc stco|co64
 * </pre>
 */
final class MoovParser {

  /** Samples one track may have: bounds memory whatever the stts counts claim. */
  static final int MAX_SAMPLES_PER_TRACK = 1 << 22;

  /** Largest |pts - dts| accepted, in ticks: keeps every offset far inside an int. */
  static final long MAX_COMPOSITION_OFFSET = 1L << 28;

  /** Largest sample accepted: one access unit is read into memory whole. */
  static final long MAX_SAMPLE_BYTES = 64L << 20;

  private final String file;
  private final long fileLength;

  MoovParser(String file, long fileLength) {
    this.file = file;
    this.fileLength = fileLength;
  }

  List<Mp4Track> parse(byte[] moov) throws PackagingException {
    BoxReader r = BoxReader.of(moov, file + ": moov");
    long movieTimescale = 0;
    List<BoxReader> traks = new ArrayList<>();
    while (r.remaining() > 0) {
      Box box = r.nextBox();
      if (box.type().equals("mvhd")) {
        movieTimescale = parseMvhdTimescale(box.body());
      } else if (box.type().equals("trak")) {
        traks.add(box.body());
      } else if (box.type().equals("mvex")) {
        throw new PackagingException(
            PackagingException.Reason.UNSUPPORTED_CONTENT,
            file + ": fragmented MP4 (mvex); sources must be non-fragmented MP4");
      }
    }
    if (movieTimescale == 0) {
      throw r.malformed("no mvhd or a zero movie timescale");
    }
    List<Mp4Track> tracks = new ArrayList<>();
    for (BoxReader trak : traks) {
      Mp4Track track = parseTrak(trak, movieTimescale);
      if (track != null) {
        tracks.add(track);
      }
    }
    return tracks;
  }

  private static long parseMvhdTimescale(BoxReader r) throws PackagingException {
    int version = r.u8();
    r.skip(3);
    r.skip(version == 1 ? 16 : 8);
    return r.u32();
  }

  private Mp4Track parseTrak(BoxReader trak, long movieTimescale) throws PackagingException {
    int trackId = -1;
    BoxReader elst = null;
    BoxReader mdia = null;
    while (trak.remaining() > 0) {
      Box box = trak.nextBox();
      switch (box.type()) {
        case "tkhd" -> trackId = parseTkhdTrackId(box.body());
        case "edts" -> elst = child(box.body(), "elst");
        case "mdia" -> mdia = box.body();
        default -> {}
      }
    }
    if (mdia == null) {
      throw trak.malformed("no mdia");
    }
    BoxReader mdhd = null;
    BoxReader hdlr = null;
    BoxReader minf = null;
    while (mdia.remaining() > 0) {
      Box box = mdia.nextBox();
      switch (box.type()) {
        case "mdhd" -> mdhd = box.body();
        case "hdlr" -> hdlr = box.body();
        case "minf" -> minf = box.body();
        default -> {}
      }
    }
    if (mdhd == null || hdlr == null || minf == null) {
      throw mdia.malformed("mdhd, hdlr or minf missing");
    }
    hdlr.skip(8);
    String handler = hdlr.fourcc();
    TrackKind kind =
        switch (handler) {
          case "vide" -> TrackKind.VIDEO;
          case "soun" -> TrackKind.AUDIO;
          default -> null;
        };
    if (kind == null) {
      return null;
    }
    int version = mdhd.u8();
    mdhd.skip(3);
    mdhd.skip(version == 1 ? 16 : 8);
    long timescale = mdhd.u32();
    mdhd.skip(version == 1 ? 8 : 4);
    String language = isoLanguage(mdhd.u16());
    if (timescale == 0) {
      throw mdhd.malformed("timescale 0");
    }
    BoxReader stbl = child(minf, "stbl");
    if (stbl == null) {
      throw minf.malformed("no stbl");
    }
    return new TrackBuilder(file + ": track " + trackId, kind, timescale)
        .build(trackId, stbl, language, timeOffset(elst, movieTimescale, timescale), fileLength);
  }

  private static int parseTkhdTrackId(BoxReader r) throws PackagingException {
    int version = r.u8();
    r.skip(3);
    r.skip(version == 1 ? 16 : 8);
    return r.s32();
  }

  /**
   * The shift the edit list gives the track's times: empty edits first delay the track, then the
   * first media edit starts at media_time. Later edits (cuts inside the track) are not honoured.
   */
  private static long timeOffset(BoxReader elst, long movieTimescale, long mediaTimescale)
      throws PackagingException {
    if (elst == null) {
      return 0;
    }
    int version = elst.u8();
    elst.skip(3);
    int entries = elst.count(version == 1 ? 20 : 12);
    long emptyDuration = 0;
    for (int i = 0; i < entries; i++) {
      long segmentDuration = version == 1 ? elst.s64() : elst.u32();
      long mediaTime = version == 1 ? elst.s64() : elst.s32();
      elst.skip(4);
      if (mediaTime == -1) {
        if (segmentDuration < 0 || segmentDuration > (1L << 48)) {
          throw elst.malformed("empty edit of " + segmentDuration);
        }
        emptyDuration += segmentDuration;
      } else {
        if (mediaTime < 0 || segmentDuration < 0 || emptyDuration < 0) {
          throw elst.malformed("negative edit");
        }
        if (emptyDuration / movieTimescale > 86_400) {
          throw elst.malformed("empty edit of " + emptyDuration + " is longer than a day");
        }
        long delay = Math.round((double) emptyDuration / movieTimescale * mediaTimescale);
        if (mediaTime > Integer.MAX_VALUE) {
          throw elst.malformed("edit starts at media time " + mediaTime);
        }
        return delay - mediaTime;
      }
    }
    return 0;
  }

  /** The first child of the given type, or null. */
  static BoxReader child(BoxReader parent, String type) throws PackagingException {
    while (parent.remaining() > 0) {
      Box box = parent.nextBox();
      if (box.type().equals(type)) {
        return box.body();
      }
    }
    return null;
  }

  private static String isoLanguage(int packed) {
    char[] c = {
      (char) (((packed >> 10) & 0x1F) + 0x60),
      (char) (((packed >> 5) & 0x1F) + 0x60),
      (char) ((packed & 0x1F) + 0x60)
    };
    String s = new String(c);
    if (!s.matches("[a-z]{3}") || s.equals("und")) {
      return null;
    }
    return s;
  }

  /** Reads one track's stbl. */
  private static final class TrackBuilder {
    private final String where;
    private final TrackKind kind;
    private final long timescale;

    TrackBuilder(String where, TrackKind kind, long timescale) {
      this.where = where;
      this.kind = kind;
      this.timescale = timescale;
    }

    private PackagingException malformed(String what) {
      return new PackagingException(
          PackagingException.Reason.MALFORMED_SOURCE, where + ": " + what);
    }

    Mp4Track build(int trackId, BoxReader stbl, String language, long offset, long fileLength)
        throws PackagingException {
      BoxReader stsd = null;
      BoxReader stts = null;
      BoxReader ctts = null;
      BoxReader stss = null;
      BoxReader stsz = null;
      BoxReader stsc = null;
      BoxReader stco = null;
      boolean co64 = false;
      while (stbl.remaining() > 0) {
        Box box = stbl.nextBox();
        switch (box.type()) {
          case "stsd" -> stsd = box.body();
          case "stts" -> stts = box.body();
          case "ctts" -> ctts = box.body();
          case "stss" -> stss = box.body();
          case "stsz" -> stsz = box.body();
          case "stz2" -> throw malformed("compact sample sizes (stz2) are not supported");
          case "stsc" -> stsc = box.body();
          case "stco" -> stco = box.body();
          case "co64" -> {
            stco = box.body();
            co64 = true;
          }
          default -> {}
        }
      }
      if (stsd == null || stts == null || stsz == null || stsc == null || stco == null) {
        throw malformed("stsd, stts, stsz, stsc or stco missing");
      }
      SampleEntry entry = SampleEntry.parse(stsd, kind, where);
      int[] sizes = readSizes(stsz);
      int count = sizes.length;
      long[] dts = new long[count];
      long lastDuration = readTimes(stts, dts);
      int[] compositionOffsets = ctts == null ? null : readCompositionOffsets(ctts, count);
      boolean[] sync = stss == null ? null : readSync(stss, count);
      long[] offsets = readOffsets(stsc, stco, co64, sizes, fileLength);
      SampleTable table =
          new SampleTable(count, dts, compositionOffsets, sizes, offsets, sync, lastDuration);
      return new Mp4Track(
          trackId,
          kind,
          entry.codec(),
          entry.codecString(),
          timescale,
          entry.width(),
          entry.height(),
          entry.sampleRate(),
          entry.channels(),
          entry.decoderConfig(),
          entry.nalLengthSize(),
          language,
          offset,
          table);
    }

    private int[] readSizes(BoxReader r) throws PackagingException {
      r.skip(4);
      long constant = r.u32();
      long count = r.u32();
      if (count > MAX_SAMPLES_PER_TRACK) {
        throw new PackagingException(
            PackagingException.Reason.UNSUPPORTED_CONTENT,
            where
                + ": "
                + count
                + " samples, more than the "
                + MAX_SAMPLES_PER_TRACK
                + " supported");
      }
      if (constant == 0 && count * 4 > r.remaining()) {
        throw malformed("stsz declares " + count + " sizes but holds " + r.remaining() + " bytes");
      }
      if (constant > MAX_SAMPLE_BYTES) {
        throw malformed("sample size " + constant);
      }
      int[] sizes = new int[(int) count];
      for (int i = 0; i < count; i++) {
        long size = constant != 0 ? constant : r.u32();
        if (size > MAX_SAMPLE_BYTES) {
          throw malformed("sample " + (i + 1) + " has size " + size);
        }
        sizes[i] = (int) size;
      }
      return sizes;
    }

    /** Fills dts from stts; returns the last delta. */
    private long readTimes(BoxReader r, long[] dts) throws PackagingException {
      r.skip(4);
      int entries = r.count(8);
      int i = 0;
      long t = 0;
      long delta = 0;
      for (int e = 0; e < entries && i < dts.length; e++) {
        long n = r.u32();
        delta = r.u32();
        for (long k = 0; k < n && i < dts.length; k++) {
          dts[i++] = t;
          t += delta;
        }
      }
      if (i < dts.length) {
        throw malformed("stts covers " + i + " of " + dts.length + " samples");
      }
      return delta;
    }

    private int[] readCompositionOffsets(BoxReader r, int count) throws PackagingException {
      r.skip(4);
      int entries = r.count(8);
      int[] offsets = new int[count];
      int i = 0;
      for (int e = 0; e < entries && i < count; e++) {
        long n = r.u32();
        int offset = r.s32();
        if (Math.abs((long) offset) > MAX_COMPOSITION_OFFSET) {
          throw malformed("composition offset " + offset + " is implausibly large");
        }
        for (long k = 0; k < n && i < count; k++) {
          offsets[i++] = offset;
        }
      }
      if (i < count) {
        throw malformed("ctts covers " + i + " of " + count + " samples");
      }
      return offsets;
    }

    private boolean[] readSync(BoxReader r, int count) throws PackagingException {
      r.skip(4);
      int entries = r.count(4);
      boolean[] sync = new boolean[count];
      for (int e = 0; e < entries; e++) {
        long n = r.u32();
        if (n < 1 || n > count) {
          throw malformed("stss names sample " + n + " of " + count);
        }
        sync[(int) n - 1] = true;
      }
      return sync;
    }

    private long[] readOffsets(
        BoxReader stsc, BoxReader stco, boolean co64, int[] sizes, long fileLength)
        throws PackagingException {
      stco.skip(4);
      int chunks = stco.count(co64 ? 8 : 4);
      long[] chunkOffsets = new long[chunks];
      for (int c = 0; c < chunks; c++) {
        chunkOffsets[c] = co64 ? stco.s64() : stco.u32();
      }
      stsc.skip(4);
      int entries = stsc.count(12);
      long[] firstChunk = new long[entries];
      long[] perChunk = new long[entries];
      for (int e = 0; e < entries; e++) {
        firstChunk[e] = stsc.u32();
        perChunk[e] = stsc.u32();
        stsc.skip(4);
        if (firstChunk[e] < 1 || (e > 0 && firstChunk[e] <= firstChunk[e - 1])) {
          throw malformed("stsc first_chunk values are not increasing from 1");
        }
      }
      long[] offsets = new long[sizes.length];
      int sample = 0;
      int entry = 0;
      for (int c = 0; c < chunks && sample < sizes.length; c++) {
        while (entry + 1 < entries && firstChunk[entry + 1] <= c + 1) {
          entry++;
        }
        if (entries == 0 || firstChunk[entry] > c + 1) {
          throw malformed("stsc does not cover chunk " + (c + 1));
        }
        long position = chunkOffsets[c];
        for (long k = 0; k < perChunk[entry] && sample < sizes.length; k++) {
          if (position < 0 || position + sizes[sample] > fileLength) {
            throw malformed(
                "sample "
                    + (sample + 1)
                    + " lies at "
                    + position
                    + ", beyond the file's "
                    + fileLength
                    + " bytes (truncated?)");
          }
          offsets[sample++] = position;
          position += sizes[sample - 1];
        }
      }
      if (sample < sizes.length) {
        throw malformed("chunks hold " + sample + " of " + sizes.length + " samples");
      }
      return offsets;
    }
  }
}
