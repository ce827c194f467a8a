package org.openvod.engine.output.fmp4;

import org.openvod.engine.encrypt.TrackProtection;
import org.openvod.engine.media.Codec;
import org.openvod.engine.media.PackagingException;
import org.openvod.engine.media.StreamInfo;

/**
 * Writes the sample description (stsd entry) of a track.
 *
 * <pre>
 * avc1|avc3|hvc1|hev1 ─ 6 reserved, u16 data_reference_index=1, 16 zero, u16 width, u16 height,
 *             72 dpi x2, 4 reserved, u16 frame_count=1, 32 compressor name, u16 depth=24, -1
 *           └ avcC | hvcC (the decoder configuration record as it is)
 * mp4a|ac-3|ec-3 ─ 6 reserved, u16 data_reference_index=1, 8 reserved, u16 channels, u16 16 bits,
 *             4 reserved, u32 sample rate (16.16)
 *           └ esds ─ ES_Descriptor(3) ─ DecoderConfigDescriptor(4) ─ DecoderSpecificInfo(5): ASC
 *                                      └ SLConfigDescriptor(6)
 *             (ac-3 └ dac3, ec-3 └ dec3: the decoder configuration as it is)
 *
 * encrypted track: the same entry typed encv (video) or enca (audio), and after its children
 *           └ sinf ─ frma (the original type: avc1, mp4a, ...)
 *                  ─ schm (scheme_type cenc | cbcs, scheme_version 0x00010000)
 *                  ─ schi ─ tenc (version 0: cenc; version 1: cbcs with its pattern)
 *                             u8 0, u8 0 | crypt_byte_block << 4 | skip_byte_block,
 *                             u8 default_isProtected=1, u8 Per_Sample_IV_Size (8; 0 = constant),
 *                             16 default_KID, [u8 16, 16 constant IV]  when the IV size is 0
 * </pre>
 */
final class SampleEntries {

  private SampleEntries() {}

  static void write(BoxWriter w, StreamInfo info, boolean parameterSetsInBand)
      throws PackagingException {
    write(w, info, parameterSetsInBand, null);
  }

  /**
   * @param protection null for a clear track
   */
  static void write(
      BoxWriter w, StreamInfo info, boolean parameterSetsInBand, TrackProtection protection)
      throws PackagingException {
    if (info.codec() == Codec.H264) {
      visual(w, info, parameterSetsInBand ? "avc3" : "avc1", "avcC", protection);
    } else if (info.codec() == Codec.H265) {
      visual(w, info, parameterSetsInBand ? "hev1" : "hvc1", "hvcC", protection);
    } else if (info.codec() == Codec.AAC) {
      mp4a(w, info, protection);
    } else if (info.codec() == Codec.AC3 || info.codec() == Codec.EAC3) {
      dolby(w, info, protection);
    } else {
      throw new PackagingException(
          PackagingException.Reason.UNSUPPORTED_CONTENT,
          "track " + info.trackId() + ": fMP4 output does not support " + info.codec() + " yet");
    }
  }

  private static void visual(
      BoxWriter w, StreamInfo info, String type, String config, TrackProtection protection) {
    int entry = w.begin(protection != null ? "encv" : type);
    w.zeros(6).u16(1).zeros(16);
    w.u16(info.width()).u16(info.height());
    w.u32(0x00480000).u32(0x00480000).u32(0).u16(1);
    w.zeros(32).u16(0x0018).u16(0xFFFF);
    int box = w.begin(config);
    w.bytes(info.decoderConfig());
    w.end(box);
    sinf(w, type, protection);
    w.end(entry);
  }

  private static void mp4a(BoxWriter w, StreamInfo info, TrackProtection protection) {
    int entry = w.begin(protection != null ? "enca" : "mp4a");
    w.zeros(6).u16(1).zeros(8);
    w.u16(info.channels()).u16(16).zeros(4);
    w.u32(info.sampleRate() <= 0xFFFF ? ((long) info.sampleRate() << 16) : 0);
    int esds = w.beginFull("esds", 0, 0);
    byte[] asc = info.decoderConfig();
    int decoderSpecific = 2 + asc.length;
    int decoderConfig = 13 + decoderSpecific;
    int es = 3 + 2 + decoderConfig + 3;
    descriptor(w, 3, es);
    w.u16(0).u8(0);
    descriptor(w, 4, decoderConfig);
    w.u8(0x40).u8(0x15).u24(0);
    w.u32(info.bitrate()).u32(info.bitrate());
    descriptor(w, 5, asc.length);
    w.bytes(asc);
    descriptor(w, 6, 1);
    w.u8(2);
    w.end(esds);
    sinf(w, "mp4a", protection);
    w.end(entry);
  }

  /** ac-3 + dac3 or ec-3 + dec3: the decoder configuration is the dac3/dec3 payload. */
  private static void dolby(BoxWriter w, StreamInfo info, TrackProtection protection)
      throws PackagingException {
    boolean enhanced = info.codec() == Codec.EAC3;
    if (info.decoderConfig() == null || info.decoderConfig().length < 3) {
      throw new PackagingException(
          PackagingException.Reason.MALFORMED_SOURCE,
          "track " + info.trackId() + ": " + info.codec() + " without its dac3/dec3 payload");
    }
    String type = enhanced ? "ec-3" : "ac-3";
    int entry = w.begin(protection != null ? "enca" : type);
    w.zeros(6).u16(1).zeros(8);
    w.u16(info.channels()).u16(16).zeros(4);
    w.u32(info.sampleRate() <= 0xFFFF ? ((long) info.sampleRate() << 16) : 0);
    int box = w.begin(enhanced ? "dec3" : "dac3");
    w.bytes(info.decoderConfig());
    w.end(box);
    sinf(w, type, protection);
    w.end(entry);
  }

  /** The protection scheme information of an encrypted entry; nothing for a clear one. */
  private static void sinf(BoxWriter w, String originalType, TrackProtection protection) {
    if (protection == null) {
      return;
    }
    int sinf = w.begin("sinf");
    int frma = w.begin("frma");
    w.fourcc(originalType);
    w.end(frma);
    int schm = w.beginFull("schm", 0, 0);
    w.fourcc(protection.scheme()).u32(0x00010000);
    w.end(schm);
    int schi = w.begin("schi");
    int tenc = w.beginFull("tenc", protection.hasPattern() ? 1 : 0, 0);
    w.u8(0);
    w.u8(
        protection.hasPattern()
            ? (protection.cryptByteBlock() << 4) | protection.skipByteBlock()
            : 0);
    w.u8(1).u8(protection.perSampleIvSize()).bytes(protection.keyId());
    if (protection.perSampleIvSize() == 0) {
      byte[] iv = protection.constantIv();
      w.u8(iv.length).bytes(iv);
    }
    w.end(tenc);
    w.end(schi);
    w.end(sinf);
  }

  /** Tag and a one-byte size (every descriptor here is under 128 bytes). */
  private static void descriptor(BoxWriter w, int tag, int size) {
    if (size > 127) {
      throw new IllegalArgumentException("descriptor of " + size + " bytes");
    }
    w.u8(tag).u8(size);
  }
}
