package org.openvod.engine.encrypt;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Just enough of a non-fragmented MP4 for the CENC tests: the samples of each track and its {@code
 * senc} entries (8-byte IVs, as ffmpeg writes them), and a rewrite that swaps in other sample bytes
 * and another {@code senc}. The rewrite needs moov after mdat (ffmpeg's default), so that a resized
 * moov moves no sample.
 */
final class Mp4File {

  private static final Set<String> CONTAINERS = Set.of("moov", "trak", "mdia", "minf", "stbl");

  record SencEntry(byte[] iv, List<Subsample> subsamples) {}

  record Track(String handler, List<Long> offsets, List<Integer> sizes, List<SencEntry> senc) {}

  final byte[] bytes;
  final List<Track> tracks = new ArrayList<>();
  private final int moovOffset;

  Mp4File(byte[] bytes) {
    this(bytes, false);
  }

  /**
   * @param raw only walk boxes (no track reading), for patching a rewritten file
   */
  private Mp4File(byte[] bytes, boolean raw) {
    this.bytes = bytes;
    int moov = -1;
    int mdat = -1;
    for (int o = 0; o < bytes.length; o += size(o)) {
      if (type(o).equals("moov")) {
        moov = o;
      } else if (type(o).equals("mdat")) {
        mdat = o;
      }
    }
    if (moov < 0 || mdat < 0 || moov < mdat || moov + size(moov) != bytes.length) {
      throw new IllegalArgumentException("need mdat, then moov as the last box");
    }
    this.moovOffset = moov;
    if (raw) {
      return;
    }
    for (int o = moov + 8; o < moov + size(moov); o += size(o)) {
      if (type(o).equals("trak")) {
        tracks.add(readTrack(o));
      }
    }
  }

  byte[] sample(Track track, int index) {
    int offset = (int) (long) track.offsets().get(index);
    byte[] out = new byte[track.sizes().get(index)];
    System.arraycopy(bytes, offset, out, 0, out.length);
    return out;
  }

  /**
   * A copy with each track's samples and senc replaced. Without {@code auxInfo} the saio/saiz boxes
   * are dropped (senc suffices); with it, ours are written before the senc, so a reader meets them
   * first and finds the IVs through them.
   */
  byte[] rewrite(List<List<EncryptedSample>> perTrack, boolean auxInfo) {
    byte[] head = java.util.Arrays.copyOf(bytes, moovOffset);
    for (int t = 0; t < tracks.size(); t++) {
      Track track = tracks.get(t);
      List<EncryptedSample> samples = perTrack.get(t);
      for (int i = 0; i < samples.size(); i++) {
        byte[] data = samples.get(i).data();
        if (data.length != track.sizes().get(i)) {
          throw new IllegalStateException("sample size changed");
        }
        System.arraycopy(data, 0, head, (int) (long) track.offsets().get(i), data.length);
      }
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(head);
    out.writeBytes(rebuild(moovOffset, perTrack, new int[] {-1}, auxInfo));
    byte[] file = out.toByteArray();
    if (auxInfo) {
      pointSaioAtSenc(file, moovOffset);
    }
    return file;
  }

  private byte[] rebuild(
      int offset, List<List<EncryptedSample>> perTrack, int[] trackIndex, boolean auxInfo) {
    String type = type(offset);
    if (type.equals("trak")) {
      trackIndex[0]++;
    }
    if (!CONTAINERS.contains(type)) {
      return java.util.Arrays.copyOfRange(bytes, offset, offset + size(offset));
    }
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    for (int o = offset + 8; o < offset + size(offset); o += size(o)) {
      String child = type(o);
      if (child.equals("saio") || child.equals("saiz")) {
        continue;
      }
      if (child.equals("senc")) {
        List<EncryptedSample> samples = perTrack.get(trackIndex[0]);
        if (auxInfo) {
          body.writeBytes(CencBoxes.saiz(samples));
          body.writeBytes(CencBoxes.saio(0)); // patched once the senc's position is known
        }
        body.writeBytes(CencBoxes.senc(samples));
      } else {
        body.writeBytes(rebuild(o, perTrack, trackIndex, auxInfo));
      }
    }
    return box(type, body.toByteArray());
  }

  /** In every stbl, sets the saio's single 32-bit offset to the senc's first IV. */
  private static void pointSaioAtSenc(byte[] file, int moov) {
    Mp4File view = new Mp4File(file, true);
    view.walk(
        moov,
        (type, o) -> {
          if (type.equals("stbl")) {
            int saio = -1;
            int senc = -1;
            for (int c = o + 8; c < o + view.size(o); c += view.size(c)) {
              if (view.type(c).equals("saio")) {
                saio = c;
              } else if (view.type(c).equals("senc")) {
                senc = c;
              }
            }
            ByteBuffer.wrap(file, saio + 16, 4).putInt(senc + CencBoxes.SENC_HEADER);
          }
        });
  }

  private static byte[] box(String type, byte[] body) {
    ByteBuffer out = ByteBuffer.allocate(8 + body.length);
    out.putInt(8 + body.length).put(type.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    return out.put(body).array();
  }

  private Track readTrack(int trak) {
    String[] handler = {null};
    List<Integer> sizes = new ArrayList<>();
    List<Long> chunkOffsets = new ArrayList<>();
    List<int[]> stsc = new ArrayList<>();
    List<SencEntry> senc = new ArrayList<>();
    walk(
        trak,
        (type, o) -> {
          ByteBuffer b = ByteBuffer.wrap(bytes, o + 8, size(o) - 8);
          switch (type) {
            case "hdlr" -> handler[0] = new String(bytes, o + 16, 4);
            case "stsz" -> {
              b.getInt();
              int fixed = b.getInt();
              int count = b.getInt();
              for (int i = 0; i < count; i++) {
                sizes.add(fixed != 0 ? fixed : b.getInt());
              }
            }
            case "stco", "co64" -> {
              b.getInt();
              int count = b.getInt();
              for (int i = 0; i < count; i++) {
                chunkOffsets.add(type.equals("stco") ? b.getInt() & 0xffffffffL : b.getLong());
              }
            }
            case "stsc" -> {
              b.getInt();
              int count = b.getInt();
              for (int i = 0; i < count; i++) {
                stsc.add(new int[] {b.getInt(), b.getInt(), b.getInt()});
              }
            }
            case "senc" -> {
              boolean subsampled = (b.getInt() & 2) != 0;
              int count = b.getInt();
              for (int i = 0; i < count; i++) {
                byte[] iv = new byte[8];
                b.get(iv);
                List<Subsample> subs = new ArrayList<>();
                int n = subsampled ? b.getShort() & 0xffff : 0;
                for (int j = 0; j < n; j++) {
                  subs.add(new Subsample(b.getShort() & 0xffff, b.getInt() & 0xffffffffL));
                }
                senc.add(new SencEntry(iv, subs));
              }
              if (b.hasRemaining()) {
                throw new IllegalStateException("senc not read to its end: IVs are not 8 bytes?");
              }
            }
            default -> {}
          }
        });
    List<Long> offsets = new ArrayList<>();
    int sample = 0;
    for (int chunk = 1; chunk <= chunkOffsets.size(); chunk++) {
      int perChunk = 0;
      for (int[] entry : stsc) {
        if (entry[0] <= chunk) {
          perChunk = entry[1];
        }
      }
      long offset = chunkOffsets.get(chunk - 1);
      for (int i = 0; i < perChunk && sample < sizes.size(); i++, sample++) {
        offsets.add(offset);
        offset += sizes.get(sample);
      }
    }
    return new Track(handler[0], offsets, sizes, senc);
  }

  private interface Visitor {
    void visit(String type, int offset);
  }

  private void walk(int offset, Visitor visitor) {
    for (int o = offset + 8; o < offset + size(offset); o += size(o)) {
      visitor.visit(type(o), o);
      if (CONTAINERS.contains(type(o))) {
        walk(o, visitor);
      }
    }
  }

  private int size(int offset) {
    return ByteBuffer.wrap(bytes, offset, 4).getInt();
  }

  private String type(int offset) {
    return new String(bytes, offset + 4, 4, java.nio.charset.StandardCharsets.US_ASCII);
  }
}
