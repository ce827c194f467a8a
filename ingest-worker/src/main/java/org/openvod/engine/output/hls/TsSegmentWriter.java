package org.openvod.engine.output.hls;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.openvod.engine.codec.ByteStore;
import org.openvod.engine.media.Sample;

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

  /** One segment's bytes and its key frames. */
  record Segment(byte[] data, List<KeyFrame> keyFrames) {}

  private final List<TsStream> streams;
  private final TsStream pcrStream;

  /** Last continuity counter per PID, -1 before the first packet. */
  private final int[] counters = new int[8192];

  private final byte[] pat;
  private final byte[] pmt;

  TsSegmentWriter(List<TsStream> streams) {
    this.streams = List.copyOf(streams);
    this.pcrStream = streams.stream().filter(TsStream::isVideo).findFirst().orElse(streams.get(0));
    Arrays.fill(counters, -1);
    this.pat = patSection();
    this.pmt = pmtSection();
  }

  /**
   * @param samples every sample of the segment, in decode order across streams
   */
  Segment write(List<Timed> samples) {
    return write(samples, null);
  }

  /**
   * @param samples every sample of the segment, in decode order across streams
   * @param iv the segment's IV for SAMPLE-AES streams, null when no stream is encrypted
   */
  Segment write(List<Timed> samples, byte[] iv) {
    ByteStore out = new ByteStore(estimate(samples));
    List<KeyFrame> keyFrames = new ArrayList<>();
    tables(out);
    boolean tablesFresh = true;
    Map<TsStream, List<Timed>> audio = new HashMap<>();
    for (Timed t : samples) {
      if (t.stream().isVideo()) {
        if (t.sample().keyframe()) {
          flushAudio(audio, out, iv);
          long start;
          if (tablesFresh) {
            start = 0;
          } else {
            start = out.size();
            tables(out);
          }
          writePes(out, t.stream(), t.pts(), t.dts(), t.stream().payload(t.sample(), iv), true);
          keyFrames.add(new KeyFrame(start, out.size() - start, t.pts()));
        } else {
          writePes(out, t.stream(), t.pts(), t.dts(), t.stream().payload(t.sample(), iv), false);
        }
      } else {
        List<Timed> pending = audio.computeIfAbsent(t.stream(), k -> new ArrayList<>());
        pending.add(t);
        if (size(pending) >= AUDIO_PES_TARGET) {
          flushAudio(t.stream(), pending, out, iv);
        }
      }
      tablesFresh = false;
    }
    flushAudio(audio, out, iv);
    return new Segment(out.toByteArray(), keyFrames);
  }

  private static int estimate(List<Timed> samples) {
    long bytes = 0;
    for (Timed t : samples) {
      bytes += t.sample().data().length;
    }
    return (int) Math.min(Integer.MAX_VALUE - 8, bytes + bytes / 20 + 4096);
  }

  private static int size(List<Timed> pending) {
    int n = 0;
    for (Timed t : pending) {
      n += t.sample().data().length + 7;
    }
    return n;
  }

  private void flushAudio(Map<TsStream, List<Timed>> audio, ByteStore out, byte[] iv) {
    for (TsStream stream : streams) {
      List<Timed> pending = audio.get(stream);
      if (pending != null && !pending.isEmpty()) {
        flushAudio(stream, pending, out, iv);
      }
    }
  }

  private void flushAudio(TsStream stream, List<Timed> pending, ByteStore out, byte[] iv) {
    ByteStore payload = new ByteStore(AUDIO_PES_TARGET + 2048);
    for (Timed t : pending) {
      payload.write(stream.payload(t.sample(), iv));
    }
    Timed first = pending.get(0);
    writePes(out, stream, first.pts(), first.pts(), payload.toByteArray(), false);
    pending.clear();
  }

  private void tables(ByteStore out) {
    section(out, 0, pat);
    section(out, PMT_PID, pmt);
  }

  private void writePes(
      ByteStore out, TsStream stream, long pts, long dts, byte[] payload, boolean randomAccess) {
    boolean withDts = dts != pts;
    int headerData = withDts ? 10 : 5;
    byte[] pes = new byte[9 + headerData + payload.length];
    pes[2] = 1;
    pes[3] = (byte) stream.streamId;
    int length = 3 + headerData + payload.length;
    if (!stream.isVideo() && length <= 0xffff) {
      pes[4] = (byte) (length >> 8);
      pes[5] = (byte) length;
    }
    pes[6] = (byte) 0x84; // '10', data_alignment_indicator
    pes[7] = (byte) (withDts ? 0xc0 : 0x80);
    pes[8] = (byte) headerData;
    timestamp(pes, 9, withDts ? 3 : 2, pts);
    if (withDts) {
      timestamp(pes, 14, 1, dts);
    }
    System.arraycopy(payload, 0, pes, 9 + headerData, payload.length);
    boolean pcr = stream == pcrStream;
    int p = 0;
    boolean first = true;
    while (p < pes.length) {
      byte[] adaptation = null;
      if (first && (pcr || randomAccess)) {
        adaptation = new byte[pcr ? 7 : 1];
        adaptation[0] = (byte) ((randomAccess ? 0x40 : 0) | (pcr ? 0x10 : 0));
        if (pcr) {
          long base = (dts - PCR_LEAD) & MASK_33;
          adaptation[1] = (byte) (base >> 25);
          adaptation[2] = (byte) (base >> 17);
          adaptation[3] = (byte) (base >> 9);
          adaptation[4] = (byte) (base >> 1);
          adaptation[5] = (byte) (((base & 1) << 7) | 0x7e);
          adaptation[6] = 0;
        }
      }
      p += packet(out, stream.pid, first, adaptation, pes, p);
      first = false;
    }
  }

  /** Writes one packet with as much of {@code data} from {@code from} as fits; returns how much. */
  private int packet(
      ByteStore out, int pid, boolean unitStart, byte[] adaptation, byte[] data, int from) {
    int room = PACKET - 4 - (adaptation == null ? 0 : 1 + adaptation.length);
    int chunk = Math.min(room, data.length - from);
    int stuffing = room - chunk;
    byte[] af = adaptation;
    if (stuffing > 0) {
      if (af == null) {
        af = stuffing == 1 ? new byte[0] : new byte[stuffing - 1];
        if (af.length > 0) {
          Arrays.fill(af, 1, af.length, (byte) 0xff);
          af[0] = 0;
        }
      } else {
        byte[] grown = Arrays.copyOf(af, af.length + stuffing);
        Arrays.fill(grown, af.length, grown.length, (byte) 0xff);
        af = grown;
      }
    }
    int cc = (counters[pid] + 1) & 0xf;
    counters[pid] = cc;
    out.write(0x47);
    out.write((unitStart ? 0x40 : 0) | (pid >> 8));
    out.write(pid & 0xff);
    out.write((af != null ? 0x30 : 0x10) | cc);
    if (af != null) {
      out.write(af.length);
      out.write(af, 0, af.length);
    }
    out.write(data, from, chunk);
    return chunk;
  }

  private void section(ByteStore out, int pid, byte[] section) {
    byte[] payload = new byte[1 + section.length];
    System.arraycopy(section, 0, payload, 1, section.length);
    byte[] padded = new byte[PACKET - 4];
    Arrays.fill(padded, (byte) 0xff);
    System.arraycopy(payload, 0, padded, 0, payload.length);
    packet(out, pid, true, null, padded, 0);
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
