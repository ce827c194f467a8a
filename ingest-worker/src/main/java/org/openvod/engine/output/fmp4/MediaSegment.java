package org.openvod.engine.output.fmp4;

import java.util.ArrayList;
import java.util.List;
import org.openvod.engine.encrypt.CencBoxes;
import org.openvod.engine.encrypt.EncryptedSample;
import org.openvod.engine.encrypt.SampleEncryption;
import org.openvod.engine.output.FileParts;

/**
 * One media segment (or MSS fragment): a movie fragment of one track and its data.
 *
 * <pre>
 * [styp]                      CMAF/DASH segments; MSS fragments have none
 * moof ─ mfhd (sequence number)
 *      ─ traf ─ tfhd (track 1, default-base-is-moof)
 *             ─ tfdt (version 1: base media decode time)
 *             ─ trun (version 1: data offset; per sample duration, size, flags, signed
 *                     composition offset)
 *             ─ [uuid tfxd]   MSS: the fragment's absolute time and duration
 *             ─ [saiz]        encrypted CMAF/DASH: size of each sample's senc entry
 *             ─ [saio]        encrypted CMAF/DASH: one offset, from the moof's first byte (the
 *                             tfhd says default-base-is-moof) to the senc's first entry
 *             ─ [senc]        encrypted CMAF/DASH: per sample IV (cenc) and subsamples
 *             ─ [uuid piff]   encrypted MSS: PIFF 1.1 sample encryption box (senc's payload)
 * mdat ─ the samples' bytes, in order
 * </pre>
 */
public final class MediaSegment {

  /** MS-SSTR TfxdBox extended type. */
  static final byte[] TFXD_UUID = hex("6d1d9b0542d544e680e2141daff757b2");

  /** styp: size, type, major brand, minor version, three compatible brands. */
  private static final int STYP_BYTES = 28;

  /**
   * moof (8) with mfhd (16), traf (8), tfhd (16), tfdt version 1 (20), trun header, sample count
   * and data offset (20), and the mdat header (8); per sample 16 bytes of trun.
   */
  private static final int FRAGMENT_BYTES = 96;

  /** uuid tfxd: size, type, extended type, version and flags, time, duration. */
  private static final int TFXD_BYTES = 44;

  private static final int KEY_FLAGS = 0x02000000;
  private static final int NON_KEY_FLAGS = 0x01010000;

  private MediaSegment() {}

  /** A CMAF/DASH segment: styp, moof, mdat. */
  public static byte[] build(
      int sequenceNumber, long baseDecodeTime, List<FragmentSample> samples) {
    return parts(sequenceNumber, baseDecodeTime, samples).toByteArray();
  }

  /**
   * The same segment as {@link #build}, as its boxes (up to the mdat's header) followed by the
   * samples' own arrays: a sink that streams the parts copies no sample.
   */
  public static FileParts parts(
      int sequenceNumber, long baseDecodeTime, List<FragmentSample> samples) {
    BoxWriter w = new BoxWriter(capacity(STYP_BYTES + FRAGMENT_BYTES, samples));
    int styp = w.begin("styp");
    w.fourcc("msdh").u32(0).fourcc("msdh").fourcc("msix").fourcc("cmfs");
    w.end(styp);
    fragment(w, sequenceNumber, baseDecodeTime, samples, false);
    return withSamples(w.toByteArray(), samples);
  }

  /** A Smooth Streaming fragment: moof with a tfxd box, mdat. */
  public static byte[] buildSmooth(
      int sequenceNumber, long baseDecodeTime, List<FragmentSample> samples) {
    return smoothParts(sequenceNumber, baseDecodeTime, samples).toByteArray();
  }

  /** The same fragment as {@link #buildSmooth}, in parts as {@link #parts} gives them. */
  public static FileParts smoothParts(
      int sequenceNumber, long baseDecodeTime, List<FragmentSample> samples) {
    BoxWriter w = new BoxWriter(capacity(FRAGMENT_BYTES + TFXD_BYTES, samples));
    fragment(w, sequenceNumber, baseDecodeTime, samples, true);
    return withSamples(w.toByteArray(), samples);
  }

  private static FileParts withSamples(byte[] boxes, List<FragmentSample> samples) {
    List<byte[]> parts = new ArrayList<>(samples.size() + 1);
    parts.add(boxes);
    for (FragmentSample s : samples) {
      parts.add(s.data());
    }
    return new FileParts(parts);
  }

  /**
   * The exact size of the boxes, up to and with the mdat's header (the samples' bytes follow as
   * their own parts), so the buffer is allocated once. A wrong figure costs only a copy.
   */
  private static int capacity(int boxes, List<FragmentSample> samples) {
    long size = boxes;
    for (FragmentSample s : samples) {
      size += 16L;
      if (s.encryption() != null) {
        // senc entry (IV, subsamples) and its saiz byte; the boxes' headers below
        size += 3L + s.encryption().iv().length + 6L * s.encryption().subsamples().size();
      }
    }
    if (!samples.isEmpty() && samples.get(0).encryption() != null) {
      size += 80;
    }
    return (int) Math.min(size, Integer.MAX_VALUE - 8);
  }

  private static void fragment(
      BoxWriter w, int sequence, long baseDecodeTime, List<FragmentSample> samples, boolean tfxd) {
    int moof = w.begin("moof");
    int mfhd = w.beginFull("mfhd", 0, 0);
    w.u32(sequence);
    w.end(mfhd);
    int traf = w.begin("traf");
    int tfhd = w.beginFull("tfhd", 0, 0x020000);
    w.u32(InitSegment.TRACK_ID);
    w.end(tfhd);
    int tfdt = w.beginFull("tfdt", 1, 0);
    w.u64(baseDecodeTime);
    w.end(tfdt);
    int trun = w.beginFull("trun", 1, 0x000001 | 0x000100 | 0x000200 | 0x000400 | 0x000800);
    w.u32(samples.size());
    int dataOffset = w.position();
    w.u32(0);
    long duration = 0;
    for (FragmentSample s : samples) {
      w.u32(s.duration()).u32(s.data().length);
      w.u32(s.keyframe() ? KEY_FLAGS : NON_KEY_FLAGS).u32(s.compositionOffset() & 0xFFFFFFFFL);
      duration += s.duration();
    }
    w.end(trun);
    if (tfxd) {
      int uuid = w.begin("uuid");
      w.bytes(TFXD_UUID).u8(1).u24(0).u64(baseDecodeTime).u64(duration);
      w.end(uuid);
    }
    List<EncryptedSample> encrypted = encryptionEntries(samples);
    if (encrypted != null && tfxd) {
      w.bytes(CencBoxes.piff(encrypted));
    } else if (encrypted != null) {
      w.bytes(CencBoxes.saiz(encrypted));
      int saio = w.position();
      w.bytes(CencBoxes.saio(0));
      int senc = w.position();
      w.bytes(CencBoxes.senc(encrypted));
      // the saio's one 32-bit offset is its last field
      w.putU32(saio + 16, senc + CencBoxes.SENC_HEADER - moof);
    }
    w.end(traf);
    w.end(moof);
    w.putU32(dataOffset, w.position() - moof + 8);
    // the mdat's header only: its payload is the samples' arrays, the parts after these boxes
    long payload = 0;
    for (FragmentSample s : samples) {
      payload += s.data().length;
    }
    w.u32(8 + payload).fourcc("mdat");
  }

  /**
   * The senc entries of an encrypted fragment, null for a clear one. A track is encrypted whole, so
   * either every sample has its entry or none.
   */
  private static List<EncryptedSample> encryptionEntries(List<FragmentSample> samples) {
    if (samples.isEmpty() || samples.get(0).encryption() == null) {
      return null;
    }
    List<EncryptedSample> out = new ArrayList<>(samples.size());
    for (FragmentSample s : samples) {
      SampleEncryption e = s.encryption();
      if (e == null) {
        throw new IllegalStateException("a clear sample in an encrypted fragment");
      }
      out.add(new EncryptedSample(s.data(), e.iv(), e.subsamples()));
    }
    return out;
  }

  private static byte[] hex(String s) {
    byte[] b = new byte[s.length() / 2];
    for (int i = 0; i < b.length; i++) {
      b[i] = (byte) Integer.parseInt(s.substring(2 * i, 2 * i + 2), 16);
    }
    return b;
  }
}
