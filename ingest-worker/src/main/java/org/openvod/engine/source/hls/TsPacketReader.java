package org.openvod.engine.source.hls;

import static org.openvod.engine.media.PackagingException.Reason.MALFORMED_SOURCE;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.openvod.engine.codec.ByteStore;
import org.openvod.engine.media.PackagingException;

/**
 * Splits MPEG-TS segments (ISO/IEC 13818-1) of one rendition into PES packets of the streams its
 * PMT lists. Holds one PES per stream at a time; each segment is read whole and its last PES ends
 * with it, as HLS segments start with PAT, PMT and a new PES on every stream.
 */
final class TsPacketReader {

  static final int PACKET = 188;

  /** One stream of the PMT. */
  record EsEntry(int pid, int streamType, int descriptorTag, String language) {}

  /** Receives each complete PES. */
  interface PesListener {
    void onPmt(Map<Integer, EsEntry> streams) throws PackagingException;

    /**
     * @param pts 33-bit PTS, or -1
     * @param dts 33-bit DTS, or -1 (then equal to pts)
     */
    void onPes(EsEntry stream, long pts, long dts, byte[] payload) throws PackagingException;

    /**
     * The PES payload as a range of the reader's buffer, which stays unchanged until the next call
     * for the same stream has returned (two buffers per stream alternate). By default copied into
     * an array of its own for {@link #onPes(EsEntry, long, long, byte[])}.
     */
    default void onPes(EsEntry stream, long pts, long dts, byte[] buffer, int offset, int length)
        throws PackagingException {
      onPes(stream, pts, dts, Arrays.copyOfRange(buffer, offset, offset + length));
    }

    /** One whole section of an SCTE-35 stream (stream type 0x86), CRC included. */
    default void onSection(EsEntry stream, byte[] section) throws PackagingException {}
  }

  /** SCTE-35 splice information (ANSI/SCTE 35): sections, not PES. */
  static final int SCTE35_STREAM_TYPE = 0x86;

  /** Largest section (12-bit section_length + 3 bytes of header). */
  private static final int MAX_SECTION = 4096 + 3;

  private int pmtPid = -1;
  private Map<Integer, EsEntry> streams = Map.of();

  /** Last continuity counter per PID in the current segment, -1 before its first packet. */
  private final int[] continuity = new int[8192];

  /** The stream of each PID the PMT lists, or null. */
  private final EsEntry[] byPid = new EsEntry[8192];

  /** The PES being assembled per PID, null between PES packets. */
  private final ByteStore[] pes = new ByteStore[8192];

  /** The other buffer per PID: the one the last PES was handed over in, which parsers may hold. */
  private final ByteStore[] spare = new ByteStore[8192];

  private final boolean[] open = new boolean[8192];

  /** Reads one segment's bytes; {@code file} names it in errors. */
  void read(byte[] data, String file, PesListener listener) throws PackagingException {
    read(data, data.length, file, listener);
  }

  /**
   * Reads one segment: the first {@code length} bytes of {@code data}, a buffer the caller may
   * reuse once this returns (no PES keeps a reference to it).
   */
  void read(byte[] data, int length, String file, PesListener listener) throws PackagingException {
    if (length == 0) {
      throw new PackagingException(MALFORMED_SOURCE, file + ": empty TS segment");
    }
    if (length % PACKET != 0) {
      throw new PackagingException(
          MALFORMED_SOURCE,
          file + ": " + length + " bytes is not a whole number of 188-byte TS packets");
    }
    Arrays.fill(continuity, -1);
    for (int at = 0; at < length; at += PACKET) {
      packet(data, at, file, listener);
    }
    for (EsEntry stream : streams.values()) {
      flush(stream, file, listener);
    }
  }

  private void packet(byte[] d, int at, String file, PesListener listener)
      throws PackagingException {
    if (d[at] != 0x47) {
      throw new PackagingException(
          MALFORMED_SOURCE, file + ": lost TS sync at byte " + at + " (no 0x47 sync byte)");
    }
    if ((d[at + 1] & 0x80) != 0) {
      throw new PackagingException(
          MALFORMED_SOURCE, file + ": transport error indicator set at byte " + at);
    }
    boolean unitStart = (d[at + 1] & 0x40) != 0;
    int pid = ((d[at + 1] & 0x1f) << 8) | (d[at + 2] & 0xff);
    int control = (d[at + 3] >> 4) & 3;
    int counter = d[at + 3] & 0xf;
    int payload = at + 4;
    boolean discontinuity = false;
    if (control == 2 || control == 3) {
      int length = d[at + 4] & 0xff;
      if (length > 0) {
        discontinuity = (d[at + 5] & 0x80) != 0;
      }
      payload += 1 + length;
      if (payload > at + PACKET) {
        throw new PackagingException(
            MALFORMED_SOURCE, file + ": adaptation field overruns the packet at byte " + at);
      }
    }
    boolean hasPayload = (control == 1 || control == 3) && payload < at + PACKET;
    if (pid == 0x1fff || !hasPayload) {
      return;
    }
    EsEntry stream = byPid[pid];
    boolean tracked = pid == 0 || pid == pmtPid || stream != null;
    if (!tracked) {
      return;
    }
    int last = continuity[pid];
    continuity[pid] = counter;
    if (last >= 0 && !discontinuity) {
      if (counter == last) {
        return; // a duplicate packet, allowed once
      }
      if (counter != ((last + 1) & 0xf)) {
        throw new PackagingException(
            MALFORMED_SOURCE,
            file
                + ": continuity counter on PID "
                + pid
                + " jumps from "
                + last
                + " to "
                + counter
                + " at byte "
                + at
                + " (lost packets)");
      }
    }
    int end = at + PACKET;
    if (pid == 0) {
      if (unitStart) {
        pat(d, payload, end, file);
      }
    } else if (pid == pmtPid) {
      if (unitStart) {
        pmt(d, payload, end, file, listener);
      }
    } else if (stream.streamType() == SCTE35_STREAM_TYPE) {
      section(stream, d, payload, end, unitStart, listener);
    } else {
      if (unitStart) {
        flush(stream, file, listener);
        if (pes[pid] == null) {
          pes[pid] = new ByteStore(4096);
        }
        pes[pid].clear();
        open[pid] = true;
      }
      if (open[pid]) {
        pes[pid].write(d, payload, end - payload);
      }
    }
  }

  /**
   * Gathers the sections of an SCTE-35 PID. A packet that starts a section begins with a
   * pointer_field, after which the bytes before it end the previous section; several sections may
   * follow each other, and 0xFF stuffing ends the packet's sections.
   */
  private void section(
      EsEntry stream, byte[] d, int payload, int end, boolean unitStart, PesListener listener)
      throws PackagingException {
    int pid = stream.pid();
    if (pes[pid] == null) {
      pes[pid] = new ByteStore(256);
    }
    ByteStore buffer = pes[pid];
    int from = payload;
    if (unitStart) {
      int pointer = d[payload] & 0xff;
      from = payload + 1;
      int tail = Math.min(end, from + pointer);
      if (open[pid]) {
        buffer.write(d, from, tail - from);
        emitSections(stream, buffer, listener);
      }
      buffer.clear();
      open[pid] = true;
      from = tail;
    }
    if (!open[pid] || from >= end) {
      return;
    }
    buffer.write(d, from, end - from);
    emitSections(stream, buffer, listener);
  }

  /** Sends every whole section at the start of {@code buffer} and keeps what is left. */
  private void emitSections(EsEntry stream, ByteStore buffer, PesListener listener)
      throws PackagingException {
    int at = 0;
    while (buffer.size() - at >= 3 && (buffer.get(at) & 0xff) != 0xff) {
      int length = 3 + (((buffer.get(at + 1) & 0x0f) << 8) | (buffer.get(at + 2) & 0xff));
      if (buffer.size() - at < length) {
        break;
      }
      listener.onSection(stream, buffer.copy(at, at + length));
      at += length;
    }
    boolean stuffing = buffer.size() - at > 0 && (buffer.get(at) & 0xff) == 0xff;
    if (stuffing || buffer.size() - at > MAX_SECTION) {
      buffer.clear();
      open[stream.pid()] = false; // nothing more until the next section starts
    } else if (at > 0) {
      byte[] rest = buffer.copy(at, buffer.size());
      buffer.clear();
      buffer.write(rest);
    }
  }

  private void pat(byte[] d, int p, int end, String file) throws PackagingException {
    int section = p + 1 + (d[p] & 0xff);
    if (section + 8 > end || d[section] != 0) {
      throw new PackagingException(MALFORMED_SOURCE, file + ": bad PAT");
    }
    int length = ((d[section + 1] & 0x0f) << 8) | (d[section + 2] & 0xff);
    int entriesEnd = Math.min(end, section + 3 + length - 4);
    for (int e = section + 8; e + 4 <= entriesEnd; e += 4) {
      int program = ((d[e] & 0xff) << 8) | (d[e + 1] & 0xff);
      if (program != 0) {
        pmtPid = ((d[e + 2] & 0x1f) << 8) | (d[e + 3] & 0xff);
        return;
      }
    }
    throw new PackagingException(MALFORMED_SOURCE, file + ": the PAT lists no program");
  }

  private void pmt(byte[] d, int p, int end, String file, PesListener listener)
      throws PackagingException {
    int section = p + 1 + (d[p] & 0xff);
    if (section + 12 > end || d[section] != 2) {
      throw new PackagingException(MALFORMED_SOURCE, file + ": bad PMT");
    }
    int length = ((d[section + 1] & 0x0f) << 8) | (d[section + 2] & 0xff);
    int sectionEnd = section + 3 + length - 4;
    if (sectionEnd > end) {
      throw new PackagingException(
          MALFORMED_SOURCE, file + ": PMT spanning several packets is not supported");
    }
    int programInfo = ((d[section + 10] & 0x0f) << 8) | (d[section + 11] & 0xff);
    Map<Integer, EsEntry> found = new LinkedHashMap<>();
    int e = section + 12 + programInfo;
    while (e + 5 <= sectionEnd) {
      int type = d[e] & 0xff;
      int pid = ((d[e + 1] & 0x1f) << 8) | (d[e + 2] & 0xff);
      int infoLength = ((d[e + 3] & 0x0f) << 8) | (d[e + 4] & 0xff);
      int descriptorTag = -1;
      String language = null;
      int q = e + 5;
      int qEnd = Math.min(sectionEnd, q + infoLength);
      while (q + 2 <= qEnd) {
        int tag = d[q] & 0xff;
        int len = d[q + 1] & 0xff;
        if (tag == 0x0a && len >= 3 && q + 5 <= qEnd) {
          language = new String(d, q + 2, 3, StandardCharsets.US_ASCII);
        } else if (tag == 0x6a || tag == 0x7a) {
          descriptorTag = tag;
        }
        q += 2 + len;
      }
      found.put(pid, new EsEntry(pid, type, descriptorTag, language));
      e += 5 + infoLength;
    }
    if (!found.equals(streams)) {
      streams = found;
      Arrays.fill(byPid, null);
      for (EsEntry entry : found.values()) {
        byPid[entry.pid()] = entry;
      }
      listener.onPmt(found);
    }
  }

  private void flush(EsEntry stream, String file, PesListener listener) throws PackagingException {
    ByteStore buffer = pes[stream.pid()];
    if (stream.streamType() == SCTE35_STREAM_TYPE) {
      return; // sections end by their own length
    }
    if (!open[stream.pid()] || buffer.size() == 0) {
      return;
    }
    open[stream.pid()] = false;
    int size = buffer.size();
    if (size < 9 || buffer.get(0) != 0 || buffer.get(1) != 0 || buffer.get(2) != 1) {
      throw new PackagingException(
          MALFORMED_SOURCE, file + ": PES on PID " + stream.pid() + " has no start code");
    }
    int headerLength = buffer.get(8) & 0xff;
    int flags = (buffer.get(7) >> 6) & 3;
    int payload = 9 + headerLength;
    if (payload > size) {
      throw new PackagingException(
          MALFORMED_SOURCE, file + ": PES header on PID " + stream.pid() + " is truncated");
    }
    long pts = -1;
    long dts = -1;
    if ((flags & 2) != 0 && headerLength >= 5) {
      pts = timestamp(buffer, 9);
    }
    if (flags == 3 && headerLength >= 10) {
      dts = timestamp(buffer, 14);
    }
    int declared = ((buffer.get(4) & 0xff) << 8) | (buffer.get(5) & 0xff);
    int end = size;
    if (declared > 0 && 6 + declared < end) {
      end = 6 + declared;
    }
    // handed over in place; the next PES of this PID goes into the other buffer
    listener.onPes(stream, pts, dts, buffer.array(), payload, end - payload);
    ByteStore other = spare[stream.pid()];
    spare[stream.pid()] = buffer;
    pes[stream.pid()] = other != null ? other : new ByteStore(Math.max(4096, size));
  }

  private static long timestamp(ByteStore b, int p) {
    return (((long) (b.get(p) >> 1) & 0x07) << 30)
        | ((long) (b.get(p + 1) & 0xff) << 22)
        | ((long) ((b.get(p + 2) & 0xff) >> 1) << 15)
        | ((long) (b.get(p + 3) & 0xff) << 7)
        | ((b.get(p + 4) & 0xff) >> 1);
  }
}
