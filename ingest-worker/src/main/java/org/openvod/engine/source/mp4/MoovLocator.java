package org.openvod.engine.source.mp4;

import java.io.IOException;
import org.openvod.engine.media.PackagingException;
import org.openvod.engine.source.ByteSource;

/**
 * Finds the moov box of an MP4 by walking its top-level box headers (16 bytes each), then reads
 * only the moov: the media data is never touched, wherever moov lies (start or end of file).
 */
final class MoovLocator {

  /** Largest moov accepted; hours of media need a few MB. */
  static final long MAX_MOOV_BYTES = 64L << 20;

  private static final int MAX_TOP_LEVEL_BOXES = 10_000;

  private MoovLocator() {}

  static byte[] readMoov(ByteSource source, String file) throws IOException, PackagingException {
    long length = source.length();
    long position = 0;
    for (int boxes = 0; position + 8 <= length; boxes++) {
      if (boxes == MAX_TOP_LEVEL_BOXES) {
        throw malformed(file, "more than " + MAX_TOP_LEVEL_BOXES + " top-level boxes");
      }
      byte[] header = source.read(position, (int) Math.min(16, length - position));
      if (header.length < 8) {
        throw malformed(file, "truncated box header at " + position);
      }
      BoxReader r = BoxReader.of(header, file);
      long size = r.u32();
      String type = r.fourcc();
      int headerSize = 8;
      if (size == 1) {
        size = r.s64();
        headerSize = 16;
      } else if (size == 0) {
        size = length - position;
      }
      if (size < headerSize) {
        throw malformed(file, "box '" + BoxReader.printable(type) + "' has size " + size);
      }
      if (type.equals("moov")) {
        if (size > length - position) {
          throw malformed(file, "moov is truncated: " + size + " bytes declared at " + position);
        }
        long payload = size - headerSize;
        if (payload > MAX_MOOV_BYTES) {
          throw new PackagingException(
              PackagingException.Reason.UNSUPPORTED_CONTENT,
              file + ": moov of " + payload + " bytes is larger than " + MAX_MOOV_BYTES);
        }
        byte[] moov = source.read(position + headerSize, (int) payload);
        if (moov.length != payload) {
          throw malformed(file, "moov is truncated");
        }
        return moov;
      }
      if (type.equals("moof")) {
        throw new PackagingException(
            PackagingException.Reason.UNSUPPORTED_CONTENT,
            file + ": fragmented MP4 (moof before moov); sources must be non-fragmented MP4");
      }
      position += size;
      if (position < 0) {
        throw malformed(file, "box sizes overflow");
      }
    }
    throw malformed(file, "no moov box (not an MP4, or truncated)");
  }

  private static PackagingException malformed(String file, String what) {
    return new PackagingException(PackagingException.Reason.MALFORMED_SOURCE, file + ": " + what);
  }
}
