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
    InitSegment.mvhd(w, timescale);
    int trak = w.begin("trak");
    int tkhd = w.beginFull("tkhd", 0, 0x7);
    w.u32(0).u32(0).u32(InitSegment.TRACK_ID).u32(0).u32(0).zeros(8);
    w.u16(0).u16(0).u16(0).u16(0);
    InitSegment.matrix(w);
    w.u32(0).u32(0);
    w.end(tkhd);
    int mdia = w.begin("mdia");
    InitSegment.mdhd(w, timescale, language);
    int hdlr = w.beginFull("hdlr", 0, 0);
    w.u32(0).fourcc("subt").zeros(12);
    w.bytes("SubtitleHandler".getBytes(StandardCharsets.US_ASCII)).u8(0);
    w.end(hdlr);
    int minf = w.begin("minf");
    int sthd = w.beginFull("sthd", 0, 0);
    w.end(sthd);
    InitSegment.dataInformation(w);
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
    InitSegment.emptySampleTables(w);
    w.end(stbl);
    w.end(minf);
    w.end(mdia);
    w.end(trak);
    InitSegment.movieExtends(w);
    w.end(moov);
    return w.toByteArray();
  }
}
