package org.openvod.engine.output.fmp4;

import java.nio.charset.StandardCharsets;

/**
 * The init segment of a TTML subtitle track in fragmented MP4 (ISO/IEC 14496-30): handler 'subt',
 * media header 'sthd' (ISO/IEC 14496-12 subtitle media header), and an 'stpp'
 * XMLSubtitleSampleEntry whose namespace is TTML's, with an empty schema_location and empty
 * auxiliary_mime_types (no images). The track is track_ID {@link InitSegment#TRACK_ID}.
 *
 * <pre>
 * ftyp
 * moov ─ mvhd
 *      ─ trak ─ tkhd
 *             ─ mdia ─ mdhd (timescale, language)
 *                    ─ hdlr (subt)
 *                    ─ minf ─ sthd
 *                           ─ dinf ─ dref ─ url
 *                           ─ stbl ─ stsd ─ stpp
 *                                  ─ stts stsc stsz stco (all empty)
 *      ─ mvex ─ trex
 * </pre>
 */
public final class StppInitSegment {

  /** The XML namespace of the documents the samples hold. */
  public static final String TTML_NAMESPACE = "http://www.w3.org/ns/ttml";

  private static final int[] MATRIX = {0x10000, 0, 0, 0, 0x10000, 0, 0, 0, 0x40000000};

  private StppInitSegment() {}

  /**
   * @param timescale ticks per second of the track's sample times
   * @param language ISO 639-2 language of the mdhd ("und" when it is not three lower-case letters)
   */
  public static byte[] build(long timescale, String language) {
    BoxWriter w = new BoxWriter();
    int ftyp = w.begin("ftyp");
    w.fourcc("iso6").u32(0).fourcc("iso6").fourcc("dash").fourcc("mp41");
    w.end(ftyp);
    int moov = w.begin("moov");
    int mvhd = w.beginFull("mvhd", 0, 0);
    w.u32(0).u32(0).u32(timescale).u32(0);
    w.u32(0x00010000).u16(0x0100).zeros(10);
    matrix(w);
    w.zeros(24).u32(InitSegment.TRACK_ID + 1);
    w.end(mvhd);
    int trak = w.begin("trak");
    int tkhd = w.beginFull("tkhd", 0, 0x7);
    w.u32(0).u32(0).u32(InitSegment.TRACK_ID).u32(0).u32(0).zeros(8);
    w.u16(0).u16(0).u16(0).u16(0);
    matrix(w);
    w.u32(0).u32(0);
    w.end(tkhd);
    int mdia = w.begin("mdia");
    int mdhd = w.beginFull("mdhd", 0, 0);
    w.u32(0).u32(0).u32(timescale).u32(0);
    w.u16(InitSegment.packedLanguage(language)).u16(0);
    w.end(mdhd);
    int hdlr = w.beginFull("hdlr", 0, 0);
    w.u32(0).fourcc("subt").zeros(12);
    w.bytes("SubtitleHandler".getBytes(StandardCharsets.US_ASCII)).u8(0);
    w.end(hdlr);
    int minf = w.begin("minf");
    int sthd = w.beginFull("sthd", 0, 0);
    w.end(sthd);
    int dinf = w.begin("dinf");
    int dref = w.beginFull("dref", 0, 0);
    w.u32(1);
    int url = w.beginFull("url ", 0, 1);
    w.end(url);
    w.end(dref);
    w.end(dinf);
    int stbl = w.begin("stbl");
    int stsd = w.beginFull("stsd", 0, 0);
    w.u32(1);
    int stpp = w.begin("stpp");
    w.zeros(6).u16(1); // SampleEntry: reserved, data_reference_index
    w.bytes(TTML_NAMESPACE.getBytes(StandardCharsets.UTF_8)).u8(0);
    w.u8(0); // schema_location: empty
    w.u8(0); // auxiliary_mime_types: empty
    w.end(stpp);
    w.end(stsd);
    for (String empty : new String[] {"stts", "stsc", "stco"}) {
      int box = w.beginFull(empty, 0, 0);
      w.u32(0);
      w.end(box);
    }
    int stsz = w.beginFull("stsz", 0, 0);
    w.u32(0).u32(0);
    w.end(stsz);
    w.end(stbl);
    w.end(minf);
    w.end(mdia);
    w.end(trak);
    int mvex = w.begin("mvex");
    int trex = w.beginFull("trex", 0, 0);
    w.u32(InitSegment.TRACK_ID).u32(1).u32(0).u32(0).u32(0);
    w.end(trex);
    w.end(mvex);
    w.end(moov);
    return w.toByteArray();
  }

  private static void matrix(BoxWriter w) {
    for (int v : MATRIX) {
      w.u32(v & 0xFFFFFFFFL);
    }
  }
}
