package org.openvod.engine.output.fmp4;

import org.openvod.engine.encrypt.DrmSignal;
import org.openvod.engine.encrypt.TrackProtection;
import org.openvod.engine.media.PackagingException;
import org.openvod.engine.media.StreamInfo;
import org.openvod.engine.media.TrackKind;

/**
 * The CMAF header of one track: ftyp and a moov with no samples and an mvex, so the samples come in
 * fragments. The track is always track_ID 1: one track per file.
 *
 * <pre>
 * ftyp
 * moov ─ mvhd
 *      ─ trak ─ tkhd
 *             ─ mdia ─ mdhd (timescale, language)
 *                    ─ hdlr (vide | soun)
 *                    ─ minf ─ vmhd | smhd
 *                           ─ dinf ─ dref ─ url
 *                           ─ stbl ─ stsd ─ avc1|avc3|mp4a (SampleEntries)
 *                                         (encv|enca with sinf when encrypted)
 *                                  ─ stts stsc stsz stco (all empty)
 *      ─ mvex ─ trex
 *      ─ pssh ...   encrypted: one per DRM signal that carries one (its bytes are a whole box)
 * </pre>
 */
public final class InitSegment {

  public static final int TRACK_ID = 1;

  private static final int[] MATRIX = {0x10000, 0, 0, 0, 0x10000, 0, 0, 0, 0x40000000};

  private InitSegment() {}

  public static byte[] build(StreamInfo info, boolean parameterSetsInBand)
      throws PackagingException {
    return build(info, parameterSetsInBand, null);
  }

  /**
   * @param protection null for a clear track
   */
  public static byte[] build(
      StreamInfo info, boolean parameterSetsInBand, TrackProtection protection)
      throws PackagingException {
    BoxWriter w = new BoxWriter();
    int ftyp = w.begin("ftyp");
    w.fourcc("iso6").u32(0).fourcc("iso6").fourcc("cmfc").fourcc("mp41");
    w.end(ftyp);
    int moov = w.begin("moov");
    mvhd(w, info.timescale());
    int trak = w.begin("trak");
    tkhd(w, info);
    int mdia = w.begin("mdia");
    mdhd(w, info.timescale(), info.language());
    hdlr(w, info);
    int minf = w.begin("minf");
    if (info.kind() == TrackKind.VIDEO) {
      int vmhd = w.beginFull("vmhd", 0, 1);
      w.zeros(8);
      w.end(vmhd);
    } else {
      int smhd = w.beginFull("smhd", 0, 0);
      w.zeros(4);
      w.end(smhd);
    }
    dataInformation(w);
    int stbl = w.begin("stbl");
    int stsd = w.beginFull("stsd", 0, 0);
    w.u32(1);
    SampleEntries.write(w, info, parameterSetsInBand, protection);
    w.end(stsd);
    emptySampleTables(w);
    w.end(stbl);
    w.end(minf);
    w.end(mdia);
    w.end(trak);
    movieExtends(w);
    if (protection != null) {
      for (DrmSignal signal : protection.signals()) {
        if (signal.pssh() != null) {
          w.bytes(wholePsshBox(signal));
        }
      }
    }
    w.end(moov);
    return w.toByteArray();
  }

  /** The signal's pssh, checked to be one whole box: anything else would break the moov. */
  private static byte[] wholePsshBox(DrmSignal signal) throws PackagingException {
    byte[] pssh = signal.pssh();
    boolean whole =
        pssh.length >= 32
            && java.nio.ByteBuffer.wrap(pssh).getInt() == pssh.length
            && new String(pssh, 4, 4, java.nio.charset.StandardCharsets.ISO_8859_1).equals("pssh");
    if (!whole) {
      throw new PackagingException(
          PackagingException.Reason.INVALID_CONFIGURATION,
          "DRM system " + signal.systemId() + ": its pssh data is not one whole pssh box");
    }
    return pssh;
  }

  /** The movie header of a one-track file whose track is {@link #TRACK_ID}. */
  static void mvhd(BoxWriter w, long timescale) {
    int box = w.beginFull("mvhd", 0, 0);
    w.u32(0).u32(0).u32(timescale).u32(0);
    w.u32(0x00010000).u16(0x0100).zeros(10);
    matrix(w);
    w.zeros(24).u32(TRACK_ID + 1);
    w.end(box);
  }

  private static void tkhd(BoxWriter w, StreamInfo info) {
    int box = w.beginFull("tkhd", 0, 0x7);
    w.u32(0).u32(0).u32(TRACK_ID).u32(0).u32(0).zeros(8);
    w.u16(0).u16(0).u16(info.kind() == TrackKind.AUDIO ? 0x0100 : 0).u16(0);
    matrix(w);
    w.u32((long) info.width() << 16).u32((long) info.height() << 16);
    w.end(box);
  }

  static void mdhd(BoxWriter w, long timescale, String language) {
    int box = w.beginFull("mdhd", 0, 0);
    w.u32(0).u32(0).u32(timescale).u32(0);
    w.u16(packedLanguage(language)).u16(0);
    w.end(box);
  }

  /** dinf with a dref of one self-contained url entry: the samples are in this file's fragments. */
  static void dataInformation(BoxWriter w) {
    int dinf = w.begin("dinf");
    int dref = w.beginFull("dref", 0, 0);
    w.u32(1);
    int url = w.beginFull("url ", 0, 1);
    w.end(url);
    w.end(dref);
    w.end(dinf);
  }

  /** The sample tables after stsd, all empty: the samples come in movie fragments. */
  static void emptySampleTables(BoxWriter w) {
    for (String empty : new String[] {"stts", "stsc", "stco"}) {
      int box = w.beginFull(empty, 0, 0);
      w.u32(0);
      w.end(box);
    }
    int stsz = w.beginFull("stsz", 0, 0);
    w.u32(0).u32(0);
    w.end(stsz);
  }

  /** mvex with the track's fragment defaults (none: every fragment says its own). */
  static void movieExtends(BoxWriter w) {
    int mvex = w.begin("mvex");
    int trex = w.beginFull("trex", 0, 0);
    w.u32(TRACK_ID).u32(1).u32(0).u32(0).u32(0);
    w.end(trex);
    w.end(mvex);
  }

  private static void hdlr(BoxWriter w, StreamInfo info) {
    boolean video = info.kind() == TrackKind.VIDEO;
    int box = w.beginFull("hdlr", 0, 0);
    w.u32(0).fourcc(video ? "vide" : "soun").zeros(12);
    w.bytes(
        (video ? "VideoHandler" : "SoundHandler")
            .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    w.u8(0);
    w.end(box);
  }

  static void matrix(BoxWriter w) {
    for (int v : MATRIX) {
      w.u32(v & 0xFFFFFFFFL);
    }
  }

  /** ISO 639-2 as three 5-bit letters; "und" when unknown. */
  static int packedLanguage(String language) {
    String l = language != null && language.matches("[a-z]{3}") ? language : "und";
    return ((l.charAt(0) - 0x60) << 10) | ((l.charAt(1) - 0x60) << 5) | (l.charAt(2) - 0x60);
  }
}
