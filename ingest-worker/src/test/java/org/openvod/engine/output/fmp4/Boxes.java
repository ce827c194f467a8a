package org.openvod.engine.output.fmp4;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** A test-side ISO-BMFF box walker, independent of the writer, to check what was written. */
public final class Boxes {

  /** A box: type, its absolute start, total size, and payload. */
  public record Box(String type, int start, int size, ByteBuffer payload) {
    public List<Box> children() {
      return walk(payload.duplicate(), start + 8);
    }

    public Box child(String type) {
      return children().stream()
          .filter(b -> b.type().equals(type))
          .findFirst()
          .orElseThrow(() -> new AssertionError("no " + type + " in " + this.type));
    }

    public List<String> childTypes() {
      return children().stream().map(Box::type).toList();
    }
  }

  private Boxes() {}

  public static List<Box> walk(byte[] data) {
    return walk(ByteBuffer.wrap(data), 0);
  }

  /** The first top-level box of {@code type} in {@code data}; fails the test when there is none. */
  public static Box first(byte[] data, String type) {
    return walk(data).stream()
        .filter(b -> b.type().equals(type))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no top-level " + type));
  }

  static List<Box> walk(ByteBuffer b, int base) {
    List<Box> boxes = new ArrayList<>();
    int origin = b.position();
    while (b.remaining() >= 8) {
      int start = b.position();
      long size = b.getInt() & 0xFFFFFFFFL;
      byte[] type = new byte[4];
      b.get(type);
      if (size < 8 || size - 8 > b.remaining()) {
        throw new AssertionError("bad box size " + size + " at " + start);
      }
      ByteBuffer payload = b.slice(b.position(), (int) size - 8);
      boxes.add(
          new Box(
              new String(type, StandardCharsets.ISO_8859_1),
              base + start - origin,
              (int) size,
              payload));
      b.position(b.position() + (int) size - 8);
    }
    if (b.hasRemaining()) {
      throw new AssertionError(b.remaining() + " trailing bytes");
    }
    return boxes;
  }

  /** trun fields: per sample {duration, size, flags, compositionOffset}, and the data offset. */
  public record Trun(int dataOffset, List<long[]> samples) {
    public long totalDuration() {
      return samples.stream().mapToLong(s -> s[0]).sum();
    }

    public long totalSize() {
      return samples.stream().mapToLong(s -> s[1]).sum();
    }
  }

  public static Trun trun(Box trun) {
    ByteBuffer b = trun.payload().duplicate();
    int flags = b.getInt() & 0xFFFFFF;
    int count = b.getInt();
    int offset = (flags & 1) != 0 ? b.getInt() : 0;
    if ((flags & 4) != 0) {
      b.getInt();
    }
    List<long[]> samples = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      long d = (flags & 0x100) != 0 ? b.getInt() & 0xFFFFFFFFL : 0;
      long s = (flags & 0x200) != 0 ? b.getInt() & 0xFFFFFFFFL : 0;
      long f = (flags & 0x400) != 0 ? b.getInt() & 0xFFFFFFFFL : 0;
      long c = (flags & 0x800) != 0 ? b.getInt() : 0;
      samples.add(new long[] {d, s, f, c});
    }
    return new Trun(offset, samples);
  }
}
