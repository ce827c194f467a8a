package org.openvod.engine.output.hls;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.openvod.engine.media.Sample;
import org.openvod.engine.output.FileParts;

/**
 * Writes MPEG-TS segments (ISO/IEC 13818-1) of one HLS rendition: PAT and PMT at the start of each
 * segment and again before every video key frame, PES packets with PTS/DTS, PCR on the PCR PID,
 * continuity counters carried over from one segment to the next, adaptation-field stuffing so every
 * packet is 188 bytes. Audio frames are packed into PES packets of about 2930 bytes, as ffmpeg
 * does, to keep the TS overhead small.
 */
final class TsSegmentWriter {

  static final int PMT_PID = 0x1000;
  private static final int PACKET = 188;
  private static final int AUDIO_PES_TARGET = 2930;
  private static final long MASK_33 = (1L << 33) - 1;

  /** PCR runs this far ahead of decode time: what the decoder buffers before it decodes. */
  private static final long PCR_LEAD = 9000;

  /** One sample with its times on the 90 kHz TS clock. */
  record Timed(TsStream stream, Sample sample, long pts, long dts) {}

  /** Where one key frame lies in the segment: from the PAT before it to the end of its PES. */
  record KeyFrame(long offset, long length, long pts) {}

  /** One segment's bytes, in arrays of at most {@link #CHUNK} bytes, and its key frames. */
  record Segment(FileParts data, List<KeyFrame> keyFrames) {}

  /**
   * A segment is written into arrays of this many bytes (1024 packets), not one array: a 6 s
   * segment of a few Mb/s is megabytes, and G1 takes an array of half a heap region or more (512
   * KiB with the smallest regions) as humongous, allocated in the old generation, each one starting
   * a young collection once the heap is somewhat full: one per segment and rendition.
   */
  static final int CHUNK = 1024 * 188;

  private final List<TsStream> streams;
  private final TsStream pcrStream;

  /** Last continuity counter per PID, -1 before the first packet. */
  private final int[] counters = new int[8192];

  private final byte[] pat;
  private final byte[] pmt;

  /** The payload pieces of the segment being written; emptied after each segment. */
  private final PesPayload pieces = new PesPayload();

  /** One PES of the segment being written: its payload is pieces {@code from} to {@code to}. */
  private record Pes(
      TsStream stream,
      long pts,
      long dts,
      boolean randomAccess,
      boolean tablesBefore,
      int from,
      int to,
      int payloadLength) {}

  TsSegmentWriter(List<TsStream> streams) {
    this.streams = List.copyOf(streams);
    this.pcrStream = streams.stream().filter(TsStream::isVideo).findFirst().orElse(streams.get(0));
    Arrays.fill(counters, -1);
    this.pat = padded(patSection());
    this.pmt = padded(pmtSection());
  }

  /**
   * @param samples every sample of the segment, in decode order across streams
   */
  Segment write(List<Timed> samples) {
    return write(samples, null);
  }

  /**
   * Lays the segment out first (which PES packets, in which order, made of which pieces), so that
   * its exact size is known, then writes every packet straight into arrays of that total size (a
   * packet never spans two, as {@link #CHUNK} is a whole number of packets).
   *
   * @param samples every sample of the segment, in decode order across streams
   * @param iv the segment's IV for SAMPLE-AES streams, null when no stream is encrypted
   */
  Segment write(List<Timed> samples, byte[] iv) {
    try {
      List<Pes> layout = layout(samples, iv);
      long size = 2L * PACKET;
      for (Pes pes : layout) {
        size += (pes.tablesBefore() ? 2L * PACKET : 0) + (long) packets(pes) * PACKET;
      }
      if (size > Integer.MAX_VALUE - 8) {
        throw new IllegalStateException("more than 2 GiB in one TS segment");
      }
      byte[][] out = new byte[(int) ((size + CHUNK - 1) / CHUNK)][];
      for (int c = 0; c < out.length; c++) {
        out[c] = new byte[(int) Math.min(CHUNK, size - (long) c * CHUNK)];
      }
      List<KeyFrame> keyFrames = new ArrayList<>();
      int at = tables(out, 0);
      PesPayload.Reader reader = pieces.reader(0);
      for (Pes pes : layout) {
        int start = 0;
        if (pes.tablesBefore()) {
          start = at;
          at = tables(out, at);
        }
        reader.seek(pes.from());
        at = writePes(out, at, pes, reader);
        if (pes.randomAccess()) {
          keyFrames.add(new KeyFrame(start, at - start, pes.pts()));
        }
      }
      return new Segment(new FileParts(Arrays.asList(out)), keyFrames);
    } finally {
      pieces.clear();
    }
  }

  /** The segment's PES packets in writing order, their payloads appended to {@link #pieces}. */
  private List<Pes> layout(List<Timed> samples, byte[] iv) {
    List<Pes> layout = new ArrayList<>();
    boolean tablesFresh = true;
    Map<TsStream, List<Timed>> audio = new HashMap<>();
    for (Timed t : samples) {
      if (t.stream().isVideo()) {
        boolean key = t.sample().keyframe();
        if (key) {
          flushAudio(audio, layout, iv);
        }
        int from = pieces.count();
        t.stream().appendPayload(t.sample(), iv, pieces);
        layout.add(pes(t.stream(), t.pts(), t.dts(), key, key && !tablesFresh, from));
      } else {
        List<Timed> pending = audio.computeIfAbsent(t.stream(), k -> new ArrayList<>());
        pending.add(t);
        if (size(pending) >= AUDIO_PES_TARGET) {
          flushAudio(t.stream(), pending, layout, iv);
        }
      }
      tablesFresh = false;
    }
    flushAudio(audio, layout, iv);
    return layout;
  }

  private Pes pes(
      TsStream stream, long pts, long dts, boolean randomAccess, boolean tablesBefore, int from) {
    int to = pieces.count();
    long length = pieces.length(from, to);
    if (length > Integer.MAX_VALUE - 8 - 19) {
      throw new IllegalArgumentException("a PES payload of " + length + " bytes");
    }
    return new Pes(stream, pts, dts, randomAccess, tablesBefore, from, to, (int) length);
  }

  private static int size(List<Timed> pending) {
    int n = 0;
    for (Timed t : pending) {
      n += t.sample().data().length + 7;
    }
    return n;
  }

  private void flushAudio(Map<TsStream, List<Timed>> audio, List<Pes> layout, byte[] iv) {
    for (TsStream stream : streams) {
      List<Timed> pending = audio.get(stream);
      if (pending != null && !pending.isEmpty()) {
        flushAudio(stream, pending, layout, iv);
      }
    }
  }

  private void flushAudio(TsStream stream, List<Timed> pending, List<Pes> layout, byte[] iv) {
    int from = pieces.count();
    for (Timed t : pending) {
      stream.appendPayload(t.sample(), iv, pieces);
    }
    Timed first = pending.get(0);
    layout.add(pes(stream, first.pts(), first.pts(), false, false, from));
    pending.clear();
  }

  private int tables(byte[][] out, int at) {
    at = packet(out, at, 0, pat);
    return packet(out, at, PMT_PID, pmt);
  }

  private static int headerLength(Pes pes) {
    return 9 + (pes.dts() != pes.pts() ? 10 : 5);
  }

  /** The bytes of the first packet's adaptation field, its length byte included (0: none). */
  private int firstAdaptation(Pes pes) {
    boolean pcr = pes.stream() == pcrStream;
    return pcr ? 8 : pes.randomAccess() ? 2 : 0;
  }

  /** How many packets a PES takes: the first holds less when it has an adaptation field. */
  private int packets(Pes pes) {
    long length = (long) headerLength(pes) + pes.payloadLength();
    long first = PACKET - 4 - firstAdaptation(pes);
    if (length <= first) {
      return 1;
    }
    return (int) (1 + (length - first + PACKET - 5) / (PACKET - 4));
  }

  /** Writes one PES as packets from {@code at}; returns where the next packet goes. */
  private int writePes(byte[][] chunks, int at, Pes pes, PesPayload.Reader payload) {
    TsStream stream = pes.stream();
    long pts = pes.pts();
    long dts = pes.dts();
    boolean withDts = dts != pts;
    int headerData = withDts ? 10 : 5;
    int remaining = 9 + headerData + pes.payloadLength();
    boolean pcr = stream == pcrStream;
    int adaptation = firstAdaptation(pes);
    boolean first = true;
    while (remaining > 0) {
      int room = PACKET - 4 - (first ? adaptation : 0);
      int chunk = Math.min(room, remaining);
      int stuffing = room - chunk;
      int cc = (counters[stream.pid] + 1) & 0xf;
      counters[stream.pid] = cc;
      boolean withAdaptation = (first && adaptation > 0) || stuffing > 0;
      byte[] out = chunks[at / CHUNK];
      int q = at % CHUNK;
      out[q] = 0x47;
      out[q + 1] = (byte) ((first ? 0x40 : 0) | (stream.pid >> 8));
      out[q + 2] = (byte) stream.pid;
      out[q + 3] = (byte) ((withAdaptation ? 0x30 : 0x10) | cc);
      int p = q + 4;
      if (first && adaptation > 0) {
        out[p] = (byte) (adaptation - 1 + stuffing);
        out[p + 1] = (byte) ((pes.randomAccess() ? 0x40 : 0) | (pcr ? 0x10 : 0));
        if (pcr) {
          long base = (dts - PCR_LEAD) & MASK_33;
          out[p + 2] = (byte) (base >> 25);
          out[p + 3] = (byte) (base >> 17);
          out[p + 4] = (byte) (base >> 9);
          out[p + 5] = (byte) (base >> 1);
          out[p + 6] = (byte) (((base & 1) << 7) | 0x7e);
          out[p + 7] = 0;
        }
        p += adaptation;
        Arrays.fill(out, p, p + stuffing, (byte) 0xff);
        p += stuffing;
      } else if (stuffing > 0) {
        out[p] = (byte) (stuffing - 1);
        if (stuffing > 1) {
          out[p + 1] = 0;
          Arrays.fill(out, p + 2, p + stuffing, (byte) 0xff);
        }
        p += stuffing;
      }
      int data = chunk;
      if (first) {
        // the PES header (at most 19 bytes) always fits in the first packet
        out[p] = 0;
        out[p + 1] = 0;
        out[p + 2] = 1;
        out[p + 3] = (byte) stream.streamId;
        int length = 3 + headerData + pes.payloadLength();
        boolean sized = !stream.isVideo() && length <= 0xffff;
        out[p + 4] = sized ? (byte) (length >> 8) : 0;
        out[p + 5] = sized ? (byte) length : 0;
        out[p + 6] = (byte) 0x84; // '10', data_alignment_indicator
        out[p + 7] = (byte) (withDts ? 0xc0 : 0x80);
        out[p + 8] = (byte) headerData;
        timestamp(out, p + 9, withDts ? 3 : 2, pts);
        if (withDts) {
          timestamp(out, p + 14, 1, dts);
        }
        p += 9 + headerData;
        data -= 9 + headerData;
      }
      payload.copy(out, p, data);
      at += PACKET;
      remaining -= chunk;
      first = false;
    }
    return at;
  }

  /** Writes one packet of a table section (pointer field, section, 0xff padding). */
  private int packet(byte[][] chunks, int at, int pid, byte[] padded) {
    int cc = (counters[pid] + 1) & 0xf;
    counters[pid] = cc;
    byte[] out = chunks[at / CHUNK];
    int q = at % CHUNK;
    out[q] = 0x47;
    out[q + 1] = (byte) (0x40 | (pid >> 8));
    out[q + 2] = (byte) pid;
    out[q + 3] = (byte) (0x10 | cc);
    System.arraycopy(padded, 0, out, q + 4, padded.length);
    return at + PACKET;
  }

  /** A section as a packet's payload: pointer field 0, the section, 0xff to the end. */
  private static byte[] padded(byte[] section) {
    byte[] payload = new byte[PACKET - 4];
    Arrays.fill(payload, (byte) 0xff);
    payload[0] = 0;
    System.arraycopy(section, 0, payload, 1, section.length);
    return payload;
  }

  private static byte[] patSection() {
    byte[] s = new byte[16];
    s[0] = 0;
    s[1] = (byte) 0xb0;
    s[2] = 13;
    s[3] = 0;
    s[4] = 1; // transport_stream_id
    s[5] = (byte) 0xc1; // version 0, current
    s[6] = 0;
    s[7] = 0;
    s[8] = 0;
    s[9] = 1; // program_number 1
    s[10] = (byte) (0xe0 | (PMT_PID >> 8));
    s[11] = (byte) PMT_PID;
    crc(s);
    return s;
  }

  private byte[] pmtSection() {
    int length = 13;
    for (TsStream stream : streams) {
      length += 5 + stream.descriptors.length;
    }
    if (3 + length > PACKET - 5) {
      throw new IllegalArgumentException(
          "the PMT of " + streams.size() + " streams needs two packets");
    }
    byte[] s = new byte[3 + length];
    s[0] = 2;
    s[1] = (byte) (0xb0 | (length >> 8));
    s[2] = (byte) length;
    s[3] = 0;
    s[4] = 1; // program_number
    s[5] = (byte) 0xc1;
    s[6] = 0;
    s[7] = 0;
    s[8] = (byte) (0xe0 | (pcrStream.pid >> 8));
    s[9] = (byte) pcrStream.pid;
    s[10] = (byte) 0xf0;
    s[11] = 0;
    int p = 12;
    for (TsStream stream : streams) {
      s[p] = (byte) stream.streamType;
      s[p + 1] = (byte) (0xe0 | (stream.pid >> 8));
      s[p + 2] = (byte) stream.pid;
      s[p + 3] = (byte) (0xf0 | (stream.descriptors.length >> 8));
      s[p + 4] = (byte) stream.descriptors.length;
      System.arraycopy(stream.descriptors, 0, s, p + 5, stream.descriptors.length);
      p += 5 + stream.descriptors.length;
    }
    crc(s);
    return s;
  }

  private static void crc(byte[] s) {
    int crc = Crc32Mpeg.of(s, 0, s.length - 4);
    s[s.length - 4] = (byte) (crc >> 24);
    s[s.length - 3] = (byte) (crc >> 16);
    s[s.length - 2] = (byte) (crc >> 8);
    s[s.length - 1] = (byte) crc;
  }

  private static void timestamp(byte[] b, int p, int prefix, long t) {
    long v = t & MASK_33;
    b[p] = (byte) ((prefix << 4) | (((v >> 30) & 7) << 1) | 1);
    b[p + 1] = (byte) (v >> 22);
    b[p + 2] = (byte) ((((v >> 15) & 0x7f) << 1) | 1);
    b[p + 3] = (byte) (v >> 7);
    b[p + 4] = (byte) (((v & 0x7f) << 1) | 1);
  }
}
