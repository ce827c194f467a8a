package org.openvod.engine.source.mp4;

import org.openvod.engine.media.PackagingException;

/**
 * Reads the AudioSpecificConfig out of an esds box (ISO/IEC 14496-1 descriptors).
 *
 * <pre>
 * esds (full box) ─ ES_Descriptor (tag 3): u16 ES_ID, u8 flags [+ dependsOn, URL, OCR]
 *                   └ DecoderConfigDescriptor (tag 4): u8 objectTypeIndication, u8 streamType,
 *                     u24 bufferSize, u32 maxBitrate, u32 avgBitrate
 *                     └ DecoderSpecificInfo (tag 5): the AudioSpecificConfig
 * </pre>
 */
final class Esds {

  private Esds() {}

  static byte[] audioSpecificConfig(BoxReader r, String where) throws PackagingException {
    r.skip(4);
    BoxReader es = descriptor(r, 3);
    es.skip(2);
    int flags = es.u8();
    if ((flags & 0x80) != 0) {
      es.skip(2);
    }
    if ((flags & 0x40) != 0) {
      es.skip(es.u8());
    }
    if ((flags & 0x20) != 0) {
      es.skip(2);
    }
    BoxReader config = descriptor(es, 4);
    int objectType = config.u8();
    // 0x40 MPEG-4 audio; 0x66-0x68 MPEG-2 AAC Main/LC/SSR
    if (objectType != 0x40 && (objectType < 0x66 || objectType > 0x68)) {
      throw new PackagingException(
          PackagingException.Reason.UNSUPPORTED_CONTENT,
          where
              + ": audio object type indication 0x"
              + Integer.toHexString(objectType)
              + " is not AAC");
    }
    config.skip(12);
    BoxReader info = descriptor(config, 5);
    return info.bytes(info.remaining());
  }

  /** Finds the descriptor with {@code tag} among the following ones; returns its payload. */
  private static BoxReader descriptor(BoxReader r, int tag) throws PackagingException {
    while (r.remaining() > 0) {
      int t = r.u8();
      int size = 0;
      for (int i = 0; i < 4; i++) {
        int b = r.u8();
        size = (size << 7) | (b & 0x7F);
        if ((b & 0x80) == 0) {
          break;
        }
      }
      BoxReader body = r.slice(size, "descriptor " + t);
      if (t == tag) {
        return body;
      }
    }
    throw r.malformed("no descriptor with tag " + tag);
  }
}
