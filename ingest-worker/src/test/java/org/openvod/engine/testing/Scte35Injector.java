package org.openvod.engine.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.openvod.engine.codec.Scte35;

/**
 * Test-only: ffmpeg cannot make SCTE-35, so this writes splice_insert sections (ANSI/SCTE 35
 * §9.7.3) and puts them into an ffmpeg-made TS segment: every PMT gains an SCTE-35 stream (type
 * 0x86) on {@link #PID}, and the sections follow the segment's first PMT, one TS packet each.
 */
public final class Scte35Injector {

  /** The PID MediaPackage's docs name as the usual SCTE-35 data track. */
  public static final int PID = 500;

  private Scte35Injector() {}

  /**
   * A splice_insert section, program splice at {@code ptsTime} (33-bit, 90 kHz).
   *
   * @param duration break_duration with auto_return in 90 kHz ticks, or -1 for none
   */
  public static byte[] spliceInsert(long eventId, boolean out, long ptsTime, long duration) {
    return spliceInsert(eventId, out, ptsTime, duration, 0);
  }

  /**
   * Like {@link #spliceInsert(long, boolean, long, long)}, with {@code padding} bytes of private
   * descriptors (tag 0xF0, identifier "TEST") after the command, to make sections that span TS
   * packets.
   */
  public static byte[] spliceInsert(
      long eventId, boolean out, long ptsTime, long duration, int padding) {
    Bits b = new Bits();
    b.put(0, 8); // protocol_version
    b.put(0, 1); // encrypted_packet
    b.put(0, 6); // encryption_algorithm
    b.put(0, 33); // pts_adjustment
    b.put(0, 8); // cw_index
    b.put(0xFFF, 12); // tier
    Bits command = new Bits();
    command.put(eventId, 32);
    command.put(0, 1); // cancel
    command.put(0x7F, 7);
    command.put(out ? 1 : 0, 1);
    command.put(1, 1); // program_splice_flag
    command.put(duration >= 0 ? 1 : 0, 1);
    command.put(0, 1); // splice_immediate_flag
    command.put(0xF, 4);
    command.put(1, 1); // time_specified_flag
    command.put(0x3F, 6);
    command.put(ptsTime, 33);
    if (duration >= 0) {
      command.put(1, 1); // auto_return
      command.put(0x3F, 6);
      command.put(duration, 33);
    }
    command.put(1, 16); // unique_program_id
    command.put(0, 8); // avail_num
    command.put(0, 8); // avails_expected
    byte[] commandBytes = command.bytes();
    b.put(commandBytes.length, 12);
    b.put(Scte35.SPLICE_INSERT, 8);
    b.put(commandBytes);
    Bits descriptors = new Bits();
    for (int left = padding; left > 0; ) {
      int length = Math.min(255, Math.max(4, left));
      descriptors.put(0xF0, 8);
      descriptors.put(length, 8);
      descriptors.put(0x54455354L, 32); // "TEST"
      for (int i = 4; i < length; i++) {
        descriptors.put(i & 0xFF, 8);
      }
      left -= 2 + length;
    }
    byte[] descriptorBytes = descriptors.bytes();
    b.put(descriptorBytes.length, 16); // descriptor_loop_length
    b.put(descriptorBytes);
    byte[] body = b.bytes();
    int sectionLength = body.length + 4;
    byte[] section = new byte[3 + sectionLength];
    section[0] = (byte) Scte35.TABLE_ID;
    section[1] = (byte) (0x30 | (sectionLength >> 8)); // syntax 0, private 0, sap_type 3
    section[2] = (byte) sectionLength;
    System.arraycopy(body, 0, section, 3, body.length);
    int crc = Scte35.crc32(section, 0, section.length - 4);
    for (int i = 0; i < 4; i++) {
      section[section.length - 4 + i] = (byte) (crc >>> (24 - 8 * i));
    }
    return section;
  }

  /** Adds the SCTE-35 stream to every PMT of {@code ts} and {@code sections} after the first. */
  public static void inject(Path ts, List<byte[]> sections) throws IOException {
    byte[] data = Files.readAllBytes(ts);
    ByteArrayOutputStream out = new ByteArrayOutputStream(data.length + 188 * sections.size());
    int pmtPid = -1;
    boolean inserted = false;
    int counter = 0;
    for (int at = 0; at + 188 <= data.length; at += 188) {
      byte[] packet = java.util.Arrays.copyOfRange(data, at, at + 188);
      int pid = ((packet[1] & 0x1F) << 8) | (packet[2] & 0xFF);
      boolean start = (packet[1] & 0x40) != 0;
      if (pid == 0 && start) {
        int section = 5 + (packet[4] & 0xFF);
        pmtPid = ((packet[section + 10] & 0x1F) << 8) | (packet[section + 11] & 0xFF);
      } else if (pid == pmtPid && start) {
        packet = withScteStream(packet);
        out.write(packet);
        if (!inserted) {
          for (byte[] section : sections) {
            for (byte[] p : sectionPackets(section, counter)) {
              out.write(p);
              counter++;
            }
          }
          inserted = true;
        }
        continue;
      }
      out.write(packet);
    }
    Files.write(ts, out.toByteArray());
  }

  /**
   * The PMT packet with a registration descriptor "CUEI" in its program info (how ffmpeg, among
   * others, recognises SCTE-35 streams) and an ES entry of type 0x86 on {@link #PID}.
   */
  private static byte[] withScteStream(byte[] packet) {
    int section = 5 + (packet[4] & 0xFF);
    int length = ((packet[section + 1] & 0x0F) << 8) | (packet[section + 2] & 0xFF);
    int programInfo = ((packet[section + 10] & 0x0F) << 8) | (packet[section + 11] & 0xFF);
    int esStart = section + 12 + programInfo;
    int crcAt = section + 3 + length - 4;
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    body.write(packet, section, 10); // table id .. PCR PID
    int newProgramInfo = programInfo + 6;
    body.write(0xF0 | (newProgramInfo >> 8));
    body.write(newProgramInfo & 0xFF);
    body.writeBytes(new byte[] {0x05, 4, 'C', 'U', 'E', 'I'});
    body.write(packet, section + 12, programInfo);
    body.write(packet, esStart, crcAt - esStart);
    body.writeBytes(
        new byte[] {(byte) 0x86, (byte) (0xE0 | (PID >> 8)), (byte) PID, (byte) 0xF0, 0});
    byte[] table = body.toByteArray();
    int newLength = table.length - 3 + 4;
    table[1] = (byte) ((table[1] & 0xF0) | (newLength >> 8));
    table[2] = (byte) newLength;
    byte[] out = new byte[188];
    java.util.Arrays.fill(out, (byte) 0xFF);
    System.arraycopy(packet, 0, out, 0, section);
    System.arraycopy(table, 0, out, section, table.length);
    int crc = Scte35.crc32(table, 0, table.length);
    for (int i = 0; i < 4; i++) {
      out[section + table.length + i] = (byte) (crc >>> (24 - 8 * i));
    }
    return out;
  }

  /** The section in TS packets: the first with a pointer_field, the rest continuing it. */
  private static List<byte[]> sectionPackets(byte[] section, int counter) {
    List<byte[]> packets = new java.util.ArrayList<>();
    int at = 0;
    while (at < section.length) {
      byte[] p = new byte[188];
      java.util.Arrays.fill(p, (byte) 0xFF);
      boolean first = at == 0;
      p[0] = 0x47;
      p[1] = (byte) ((first ? 0x40 : 0) | (PID >> 8));
      p[2] = (byte) PID;
      p[3] = (byte) (0x10 | (counter++ & 0x0F));
      int from = 4;
      if (first) {
        p[4] = 0; // pointer_field
        from = 5;
      }
      int n = Math.min(188 - from, section.length - at);
      System.arraycopy(section, at, p, from, n);
      at += n;
      packets.add(p);
    }
    return packets;
  }

  /** Writes bits MSB first. */
  private static final class Bits {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private int current;
    private int used;

    void put(long value, int count) {
      for (int i = count - 1; i >= 0; i--) {
        current = (current << 1) | (int) ((value >>> i) & 1);
        if (++used == 8) {
          out.write(current);
          current = 0;
          used = 0;
        }
      }
    }

    void put(byte[] bytes) {
      for (byte x : bytes) {
        put(x & 0xFF, 8);
      }
    }

    byte[] bytes() {
      if (used != 0) {
        throw new IllegalStateException("not byte aligned");
      }
      return out.toByteArray();
    }
  }
}
