package org.openvod.engine.codec;

/**
 * Reads SCTE-35 splice_info_sections (ANSI/SCTE 35 §9.6): the splice_insert and time_signal
 * commands and the segmentation descriptors that say whether a time_signal starts or ends a break.
 * Everything else (splice_null, bandwidth_reservation, private commands, encrypted sections,
 * cancelled events) is no marker.
 */
public final class Scte35 {

  public static final int TABLE_ID = 0xFC;
  public static final int SPLICE_INSERT = 0x05;
  public static final int TIME_SIGNAL = 0x06;
  public static final int SEGMENTATION_DESCRIPTOR = 0x02;

  private static final long MASK_33 = (1L << 33) - 1;

  private Scte35() {}

  /** What a section signals. */
  public enum Type {
    /** A break starts (splice_insert out of network, or a break/ad/placement start). */
    OUT,
    /** A break ends. */
    IN,
    /** A signal that is not a break (e.g. a program boundary time_signal). */
    OTHER
  }

  /**
   * One signal.
   *
   * @param time the splice time with pts_adjustment applied, 33-bit 90 kHz, or -1 for "now"
   *     (splice_immediate or no time specified)
   * @param duration the break's length in 90 kHz ticks, or -1
   * @param eventId splice_event_id or segmentation_event_id, or -1
   */
  public record Signal(Type type, long time, long duration, long eventId) {}

  /**
   * The signal of one whole section, or null when it signals no splice.
   *
   * @throws IllegalArgumentException the bytes are no valid splice_info_section (wrong table id,
   *     length or CRC, or truncated)
   */
  public static Signal parse(byte[] section) {
    if (section.length < 15 || (section[0] & 0xFF) != TABLE_ID) {
      throw new IllegalArgumentException("not a splice_info_section");
    }
    int length = ((section[1] & 0x0F) << 8) | (section[2] & 0xFF);
    if (3 + length != section.length) {
      throw new IllegalArgumentException(
          "splice_info_section length " + length + " but " + section.length + " bytes");
    }
    if (crc32(section, 0, section.length) != 0) {
      throw new IllegalArgumentException("splice_info_section CRC mismatch");
    }
    BitReader r = new BitReader(section, 3, section.length - 3 - 4);
    r.skip(8); // protocol_version
    boolean encrypted = r.flag();
    r.skip(6); // encryption_algorithm
    long ptsAdjustment = r.bits(33);
    r.skip(8 + 12); // cw_index, tier
    r.skip(12); // splice_command_length (0xFFF in old encoders): the command is parsed instead
    int command = r.u(8);
    Signal signal;
    if (encrypted) {
      return null;
    } else if (command == SPLICE_INSERT) {
      signal = spliceInsert(r, ptsAdjustment);
    } else if (command == TIME_SIGNAL) {
      long time = spliceTime(r, ptsAdjustment);
      signal = new Signal(Type.OTHER, time, -1, -1);
    } else {
      return null;
    }
    return signal == null ? null : withDescriptors(r, signal);
  }

  private static Signal spliceInsert(BitReader r, long ptsAdjustment) {
    long eventId = r.bits(32);
    boolean cancel = r.flag();
    r.skip(7);
    if (cancel) {
      return null;
    }
    boolean out = r.flag();
    boolean program = r.flag();
    boolean hasDuration = r.flag();
    boolean immediate = r.flag();
    r.skip(4);
    long time = -1;
    if (program && !immediate) {
      time = spliceTime(r, ptsAdjustment);
    }
    if (!program) {
      int components = r.u(8);
      for (int i = 0; i < components; i++) {
        r.skip(8);
        long componentTime = immediate ? -1 : spliceTime(r, ptsAdjustment);
        if (i == 0) {
          time = componentTime;
        }
      }
    }
    long duration = -1;
    if (hasDuration) {
      r.skip(1 + 6); // auto_return, reserved
      duration = r.bits(33);
    }
    r.skip(16 + 8 + 8); // unique_program_id, avail_num, avails_expected
    return new Signal(out ? Type.OUT : Type.IN, time, duration, eventId);
  }

  private static long spliceTime(BitReader r, long ptsAdjustment) {
    if (r.flag()) {
      r.skip(6);
      return (r.bits(33) + ptsAdjustment) & MASK_33;
    }
    r.skip(7);
    return -1;
  }

  /** A time_signal's kind (and duration, id) from its first break segmentation descriptor. */
  private static Signal withDescriptors(BitReader r, Signal signal) {
    if (signal.type() != Type.OTHER || r.bitsLeft() < 16) {
      return signal;
    }
    int loopLength = r.u(16);
    long left = Math.min(loopLength, r.bitsLeft() / 8);
    while (left >= 2) {
      int tag = r.u(8);
      int length = r.u(8);
      left -= 2;
      if (length > left) {
        break;
      }
      if (tag == SEGMENTATION_DESCRIPTOR && length >= 11) {
        Signal found = segmentation(new BitReader(bytes(r, length)), signal);
        if (found != null) {
          return found;
        }
      } else {
        r.skip(8L * length);
      }
      left -= length;
    }
    return signal;
  }

  private static byte[] bytes(BitReader r, int length) {
    byte[] out = new byte[length];
    for (int i = 0; i < length; i++) {
      out[i] = (byte) r.u(8);
    }
    return out;
  }

  private static Signal segmentation(BitReader d, Signal signal) {
    d.skip(32); // identifier "CUEI"
    long eventId = d.bits(32);
    boolean cancel = d.flag();
    d.skip(7);
    if (cancel) {
      return null;
    }
    boolean program = d.flag();
    boolean hasDuration = d.flag();
    d.skip(6);
    if (!program) {
      int components = d.u(8);
      d.skip(components * 48L);
    }
    long duration = hasDuration ? d.bits(40) : -1;
    d.skip(8); // segmentation_upid_type
    int upidLength = d.u(8);
    d.skip(8L * upidLength);
    int type = d.u(8);
    Type kind = segmentationType(type);
    if (kind == Type.OTHER) {
      return null;
    }
    return new Signal(kind, signal.time(), kind == Type.OUT ? duration : -1, eventId);
  }

  /** Break, advertisement and placement opportunity starts are OUT; their ends are IN. */
  static Type segmentationType(int type) {
    return switch (type) {
      case 0x22, 0x30, 0x32, 0x34, 0x36, 0x44, 0x46 -> Type.OUT;
      case 0x23, 0x31, 0x33, 0x35, 0x37, 0x45, 0x47 -> Type.IN;
      default -> Type.OTHER;
    };
  }

  /** CRC-32/MPEG-2 of {@code data[offset, offset+length)}: 0 over a section with its CRC. */
  public static int crc32(byte[] data, int offset, int length) {
    int crc = 0xFFFFFFFF;
    for (int i = offset; i < offset + length; i++) {
      crc ^= (data[i] & 0xFF) << 24;
      for (int b = 0; b < 8; b++) {
        crc = (crc & 0x80000000) != 0 ? (crc << 1) ^ 0x04C11DB7 : crc << 1;
      }
    }
    return crc;
  }
}
