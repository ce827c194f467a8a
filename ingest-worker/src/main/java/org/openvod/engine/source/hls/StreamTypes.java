package org.openvod.engine.source.hls;

import static org.openvod.engine.media.PackagingException.Reason.UNSUPPORTED_CONTENT;

import org.openvod.engine.media.PackagingException;

/** MPEG-TS stream_type values (ISO/IEC 13818-1 table 2-34 and ATSC A/52) the engine reads. */
final class StreamTypes {

  private StreamTypes() {}

  /**
   * A parser for the stream, null for streams that are skipped (metadata, SCTE-35, private data),
   * or a refusal for audio and video codecs the engine cannot package.
   */
  static EsParser parserFor(TsPacketReader.EsEntry entry, String file) throws PackagingException {
    int type = entry.streamType();
    switch (type) {
      case 0x1b:
        return new H264Parser();
      case 0x24:
        return new H265Parser();
      case 0x0f:
        return new AdtsParser();
      case 0x81:
        return new Ac3Parser(false);
      case 0x87:
        return new Ac3Parser(true);
      case 0x06:
        if (entry.descriptorTag() == 0x6a) {
          return new Ac3Parser(false);
        }
        if (entry.descriptorTag() == 0x7a) {
          return new Ac3Parser(true);
        }
        return null;
      default:
        String unsupported = unsupportedName(type);
        if (unsupported != null) {
          throw new PackagingException(
              UNSUPPORTED_CONTENT,
              file
                  + ": "
                  + unsupported
                  + " (stream type 0x"
                  + Integer.toHexString(type)
                  + " on PID "
                  + entry.pid()
                  + ") is not supported; sources must be H.264 or H.265 with AAC, AC-3 or E-AC-3");
        }
        return null;
    }
  }

  private static String unsupportedName(int type) {
    return switch (type) {
      case 0x01 -> "MPEG-1 video";
      case 0x02 -> "MPEG-2 video";
      case 0x03 -> "MPEG-1 audio (MP3)";
      case 0x04 -> "MPEG-2 audio (MP3)";
      case 0x10 -> "MPEG-4 Part 2 video";
      case 0x11 -> "AAC in LATM";
      case 0x42 -> "AVS video";
      case 0xd1 -> "Dirac video";
      case 0xea -> "VC-1 video";
      default -> null;
    };
  }
}
