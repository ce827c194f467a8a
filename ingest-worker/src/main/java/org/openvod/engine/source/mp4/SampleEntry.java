package org.openvod.engine.source.mp4;

import org.openvod.engine.media.Codec;
import org.openvod.engine.media.PackagingException;
import org.openvod.engine.media.TrackKind;
import org.openvod.engine.source.mp4.BoxReader.Box;

/**
 * The first sample description of a track (stsd), reduced to what the engine needs. Only H.264
 * (avc1/avc3 with avcC), H.265 (hvc1/hev1 with hvcC), AAC, AC-3 and E-AC-3 (mp4a with an esds
 * naming MPEG-4 or MPEG-2 AAC) are accepted; protected entries (encv, enca, or any sinf) are
 * refused as encrypted.
 *
 * <pre>
 * VisualSampleEntry: 6 reserved, u16 data_reference_index, 16 pre_defined/reserved,
 *                    u16 width, u16 height, 50 bytes (resolution, frame_count, compressor, depth)
 *                    then boxes: avcC, pasp, btrt, sinf ...
 * AudioSampleEntry:  6 reserved, u16 data_reference_index, u16 version, 6 reserved,
 *                    u16 channelcount, u16 samplesize, 4 reserved, u32 samplerate (16.16)
 *                    [+16 bytes for QuickTime version 1, +36 for version 2], then esds (or wave/esds)
 * </pre>
 */
record SampleEntry(
    Codec codec,
    String codecString,
    int width,
    int height,
    int sampleRate,
    int channels,
    byte[] decoderConfig,
    int nalLengthSize) {

  static SampleEntry parse(BoxReader stsd, TrackKind kind, String where) throws PackagingException {
    stsd.skip(4);
    long entries = stsd.u32();
    if (entries < 1) {
      throw stsd.malformed("no sample description");
    }
    Box entry = stsd.nextBox();
    String type = entry.type();
    if (type.equals("encv") || type.equals("enca") || type.equals("drms") || type.equals("drmi")) {
      throw new PackagingException(
          PackagingException.Reason.ENCRYPTED_SOURCE,
          where + ": encrypted samples (" + type + "); sources must be unencrypted");
    }
    return kind == TrackKind.VIDEO ? video(entry, where) : audio(entry, where);
  }

  private static SampleEntry video(Box entry, String where) throws PackagingException {
    String type = entry.type();
    boolean hevc = type.equals("hvc1") || type.equals("hev1");
    if (!type.equals("avc1") && !type.equals("avc3") && !hevc) {
      throw unsupported(where, "video codec '" + BoxReader.printable(type) + "'");
    }
    BoxReader r = entry.body();
    r.skip(24);
    int width = r.u16();
    int height = r.u16();
    r.skip(50);
    byte[] avcC = null;
    while (r.remaining() >= 8) {
      Box box = r.nextBox();
      refuseProtection(box, where);
      if (box.type().equals(hevc ? "hvcC" : "avcC")) {
        avcC = box.body().bytes(box.body().remaining());
      }
    }
    if (hevc) {
      HevcDecoderConfig config = HevcDecoderConfig.parse(avcC, where);
      return new SampleEntry(
          Codec.H265,
          config.codecString("hvc1"),
          width,
          height,
          0,
          0,
          config.withFourByteLengths(),
          config.nalLengthSize());
    }
    AvcDecoderConfig config = AvcDecoderConfig.parse(avcC, where);
    return new SampleEntry(
        Codec.H264,
        config.codecString("avc1"),
        width,
        height,
        0,
        0,
        config.withFourByteLengths(),
        config.nalLengthSize());
  }

  private static SampleEntry audio(Box entry, String where) throws PackagingException {
    if (entry.type().equals("ac-3") || entry.type().equals("ec-3")) {
      return dolby(entry, where);
    }
    if (!entry.type().equals("mp4a")) {
      throw unsupported(where, "audio codec '" + BoxReader.printable(entry.type()) + "'");
    }
    BoxReader r = entry.body();
    r.skip(8);
    int version = r.u16();
    r.skip(6);
    int channels = r.u16();
    r.skip(6);
    int rate = (int) (r.u32() >>> 16);
    if (version == 1) {
      r.skip(16);
    } else if (version == 2) {
      r.skip(36);
    }
    byte[] asc = null;
    while (r.remaining() >= 8 && asc == null) {
      Box box = r.nextBox();
      refuseProtection(box, where);
      if (box.type().equals("esds")) {
        asc = Esds.audioSpecificConfig(box.body(), where);
      } else if (box.type().equals("wave")) {
        BoxReader esds = MoovParser.child(box.body(), "esds");
        if (esds != null) {
          asc = Esds.audioSpecificConfig(esds, where);
        }
      }
    }
    if (asc == null) {
      throw unsupported(where, "mp4a without an AAC esds");
    }
    AacConfig aac = AacConfig.parse(asc, where);
    return new SampleEntry(
        Codec.AAC,
        aac.codecString(),
        0,
        0,
        aac.sampleRate() > 0 ? aac.sampleRate() : rate,
        aac.channels() > 0 ? aac.channels() : channels,
        asc,
        0);
  }

  /**
   * AC-3 (ac-3 + dac3) or E-AC-3 (ec-3 + dec3): the dac3/dec3 payload becomes the decoder
   * configuration, as the TS demuxer gives it, so writers copy it into their sample entry.
   */
  private static SampleEntry dolby(Box entry, String where) throws PackagingException {
    boolean enhanced = entry.type().equals("ec-3");
    BoxReader r = entry.body();
    r.skip(16);
    int channels = r.u16();
    r.skip(6);
    int rate = (int) (r.u32() >>> 16);
    byte[] config = null;
    while (r.remaining() >= 8) {
      Box box = r.nextBox();
      refuseProtection(box, where);
      if (box.type().equals(enhanced ? "dec3" : "dac3")) {
        config = box.body().bytes(box.body().remaining());
      }
    }
    if (config == null || config.length < (enhanced ? 5 : 3)) {
      throw new PackagingException(
          PackagingException.Reason.MALFORMED_SOURCE,
          where + ": " + entry.type() + " without its " + (enhanced ? "dec3" : "dac3") + " box");
    }
    // the entry's channelcount is often just 2: the layout is in dac3/dec3 (ETSI TS 102 366 F.4,
    // F.6): acmod and lfeon of the (first independent) stream
    int acmod = enhanced ? (config[3] >> 1) & 7 : (config[1] >> 3) & 7;
    boolean lfe = enhanced ? (config[3] & 1) != 0 : ((config[1] >> 2) & 1) != 0;
    channels = ACMOD_CHANNELS[acmod] + (lfe ? 1 : 0);
    return new SampleEntry(
        enhanced ? Codec.EAC3 : Codec.AC3, entry.type(), 0, 0, rate, channels, config, 0);
  }

  private static final int[] ACMOD_CHANNELS = {2, 1, 2, 3, 3, 4, 4, 5};

  private static void refuseProtection(Box box, String where) throws PackagingException {
    if (box.type().equals("sinf")) {
      throw new PackagingException(
          PackagingException.Reason.ENCRYPTED_SOURCE,
          where + ": protected sample entry (sinf); sources must be unencrypted");
    }
  }

  private static PackagingException unsupported(String where, String what) {
    return new PackagingException(
        PackagingException.Reason.UNSUPPORTED_CONTENT,
        where + ": " + what + " is not supported (H.264, H.265, AAC, AC-3 and E-AC-3 are)");
  }
}
