package org.openvod.engine.encrypt;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.openvod.engine.output.fmp4.Boxes;
import org.openvod.engine.output.fmp4.Boxes.Box;

/**
 * A test-side reader of one encrypted media segment or Smooth fragment, independent of the writer:
 * the samples (trun + mdat) and their sample encryption entries, from the senc box (checked against
 * saiz and saio as a player that reads those would find them) or from the PIFF uuid box.
 */
public final class ProtectedFragment {

  /**
   * PIFF 1.1's SampleEncryptionBox extended type, from the PIFF spec rather than from {@link
   * CencBoxes#PIFF_SAMPLE_ENCRYPTION}: this reader is an oracle for what CencBoxes writes, so it
   * must not borrow the writer's constant.
   */
  private static final byte[] PIFF = HexFormat.of().parseHex("a2394f525a9b4f14a2446c427c648df4");

  /** One sample's encryption entry. */
  public record Entry(byte[] iv, List<Subsample> subsamples) {}

  public final List<byte[]> samples = new ArrayList<>();
  public final List<Entry> entries = new ArrayList<>();

  /** True when the entries came from a PIFF box (MSS), false for senc. */
  public boolean piff;

  /** Box types of the traf, in order. */
  public List<String> trafChildren;

  private ProtectedFragment() {}

  /**
   * @param ivSize the track's Per_Sample_IV_Size (8 for cenc, 0 for cbcs)
   */
  public static ProtectedFragment read(byte[] bytes, int ivSize) {
    ProtectedFragment f = new ProtectedFragment();
    Box moof = Boxes.first(bytes, "moof");
    Box traf = moof.child("traf");
    f.trafChildren = traf.childTypes();
    f.samples.addAll(samples(bytes, moof));
    Box senc = null;
    for (Box b : traf.children()) {
      if (b.type().equals("senc")) {
        senc = b;
        readEntries(f, b.payload().duplicate(), ivSize);
      } else if (b.type().equals("uuid")) {
        ByteBuffer p = b.payload().duplicate();
        byte[] type = new byte[16];
        p.get(type);
        if (Arrays.equals(type, PIFF)) {
          f.piff = true;
          readEntries(f, p, ivSize);
        }
      }
    }
    if (f.entries.size() != f.samples.size()) {
      throw new AssertionError(
          f.entries.size() + " encryption entries for " + f.samples.size() + " samples");
    }
    for (int i = 0; i < f.samples.size(); i++) {
      List<Subsample> subs = f.entries.get(i).subsamples();
      if (!subs.isEmpty()) {
        long covered = subs.stream().mapToLong(s -> s.clearBytes() + s.protectedBytes()).sum();
        if (covered != f.samples.get(i).length) {
          throw new AssertionError(
              "sample " + i + ": subsamples cover " + covered + " of " + f.samples.get(i).length);
        }
      }
    }
    if (senc != null) {
      checkAuxiliaryInfo(f, moof, traf, senc);
    }
    return f;
  }

  /** What an init segment declares about its one track's protection. */
  public record Init(
      String entryType,
      String originalFormat,
      String scheme,
      int tencVersion,
      int pattern,
      int ivSize,
      byte[] keyId,
      byte[] constantIv,
      List<byte[]> psshBoxes) {}

  /** Reads moov/trak/.../stsd's first entry and its sinf, and the moov's pssh boxes. */
  public static Init readInit(byte[] bytes) {
    Box moov = Boxes.first(bytes, "moov");
    List<byte[]> pssh = new ArrayList<>();
    for (Box b : moov.children()) {
      if (b.type().equals("pssh")) {
        pssh.add(Arrays.copyOfRange(bytes, b.start(), b.start() + b.size()));
      }
    }
    Box stsd = moov.child("trak").child("mdia").child("minf").child("stbl").child("stsd");
    byte[] entries = Arrays.copyOfRange(bytes, stsd.start() + 16, stsd.start() + stsd.size());
    Box entry = Boxes.walk(entries).get(0);
    boolean video = entry.type().equals("encv") || entry.type().startsWith("avc");
    int fields = video ? 78 : 28;
    byte[] children =
        Arrays.copyOfRange(entries, entry.start() + 8 + fields, entry.start() + entry.size());
    Box sinf =
        Boxes.walk(children).stream().filter(b -> b.type().equals("sinf")).findFirst().orElse(null);
    if (sinf == null) {
      return new Init(entry.type(), null, null, -1, 0, 0, null, null, pssh);
    }
    ByteBuffer frma = sinf.child("frma").payload().duplicate();
    byte[] format = new byte[4];
    frma.get(format);
    ByteBuffer schm = sinf.child("schm").payload().duplicate();
    schm.getInt();
    byte[] scheme = new byte[4];
    schm.get(scheme);
    ByteBuffer tenc = sinf.child("schi").child("tenc").payload().duplicate();
    int version = tenc.get() & 0xFF;
    tenc.position(5); // past the flags and the first reserved byte
    int pattern = tenc.get() & 0xFF;
    int isProtected = tenc.get() & 0xFF;
    if (isProtected != 1) {
      throw new AssertionError("tenc default_isProtected is " + isProtected);
    }
    int ivSize = tenc.get() & 0xFF;
    byte[] kid = new byte[16];
    tenc.get(kid);
    byte[] constant = null;
    if (ivSize == 0) {
      constant = new byte[tenc.get() & 0xFF];
      tenc.get(constant);
    }
    return new Init(
        entry.type(),
        new String(format, java.nio.charset.StandardCharsets.US_ASCII),
        new String(scheme, java.nio.charset.StandardCharsets.US_ASCII),
        version,
        pattern,
        ivSize,
        kid,
        constant,
        pssh);
  }

  /** The samples of a clear segment or fragment (trun + mdat). */
  public static List<byte[]> clearSamples(byte[] bytes) {
    return samples(bytes, Boxes.first(bytes, "moof"));
  }

  /** The samples the moof's trun lays out (data offset from the moof, sizes in order). */
  private static List<byte[]> samples(byte[] bytes, Box moof) {
    Boxes.Trun trun = Boxes.trun(moof.child("traf").child("trun"));
    List<byte[]> out = new ArrayList<>();
    int at = moof.start() + trun.dataOffset();
    for (long[] s : trun.samples()) {
      out.add(Arrays.copyOfRange(bytes, at, at + (int) s[1]));
      at += (int) s[1];
    }
    return out;
  }

  private static void readEntries(ProtectedFragment f, ByteBuffer p, int ivSize) {
    int flags = p.getInt() & 0xFFFFFF;
    int count = p.getInt();
    for (int i = 0; i < count; i++) {
      byte[] iv = new byte[ivSize];
      p.get(iv);
      List<Subsample> subs = new ArrayList<>();
      int n = (flags & 2) != 0 ? p.getShort() & 0xFFFF : 0;
      for (int j = 0; j < n; j++) {
        subs.add(new Subsample(p.getShort() & 0xFFFF, p.getInt() & 0xFFFFFFFFL));
      }
      f.entries.add(new Entry(iv, subs));
    }
    if (p.hasRemaining()) {
      throw new AssertionError(p.remaining() + " bytes after the last sample encryption entry");
    }
  }

  /** saiz sizes are the senc entries' sizes; saio points (from the moof) at the first entry. */
  private static void checkAuxiliaryInfo(ProtectedFragment f, Box moof, Box traf, Box senc) {
    ByteBuffer saiz = traf.child("saiz").payload().duplicate();
    int saizFlags = saiz.getInt() & 0xFFFFFF;
    if ((saizFlags & 1) != 0) {
      saiz.getLong();
    }
    int defaultSize = saiz.get() & 0xFF;
    int count = saiz.getInt();
    if (count != f.samples.size()) {
      throw new AssertionError("saiz counts " + count + " samples, trun " + f.samples.size());
    }
    int sencFlags = senc.payload().getInt(0) & 0xFFFFFF;
    for (int i = 0; i < count; i++) {
      int size = defaultSize != 0 ? defaultSize : saiz.get() & 0xFF;
      Entry e = f.entries.get(i);
      int expected = e.iv().length + ((sencFlags & 2) != 0 ? 2 + 6 * e.subsamples().size() : 0);
      if (size != expected) {
        throw new AssertionError(
            "saiz says " + size + " for sample " + i + ", senc has " + expected);
      }
    }
    ByteBuffer saio = traf.child("saio").payload().duplicate();
    int version = saio.get() & 0xFF;
    int saioFlags = saio.getShort() << 8 | (saio.get() & 0xFF);
    if ((saioFlags & 1) != 0) {
      saio.getLong();
    }
    if (saio.getInt() != 1) {
      throw new AssertionError("saio must give one offset for one run");
    }
    long offset = version == 0 ? saio.getInt() & 0xFFFFFFFFL : saio.getLong();
    long firstEntry = senc.start() + 16L;
    if (moof.start() + offset != firstEntry) {
      throw new AssertionError(
          "saio offset "
              + offset
              + " from the moof points at "
              + (moof.start() + offset)
              + ", the senc's first entry is at "
              + firstEntry);
    }
  }
}
