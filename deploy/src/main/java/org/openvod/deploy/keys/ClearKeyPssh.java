package org.openvod.deploy.keys;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;

/**
 * The {@code pssh} box of W3C Clear Key: version 1 with the key ids and no data, under the W3C
 * "common" system id 1077efec-c0b2-4d02-ace3-3c1e52e2fb4b ("Common SystemID and PSSH Box Format"),
 * which is what browsers' Clear Key CDMs read key ids from.
 */
public final class ClearKeyPssh {

  /** The W3C common system id a Clear Key pssh box carries. */
  public static final UUID COMMON_SYSTEM_ID =
      UUID.fromString("1077efec-c0b2-4d02-ace3-3c1e52e2fb4b");

  private ClearKeyPssh() {}

  public static byte[] box(List<UUID> kids) {
    int size = 4 + 4 + 4 + 16 + 4 + 16 * kids.size() + 4;
    ByteBuffer box = ByteBuffer.allocate(size);
    box.putInt(size).put("pssh".getBytes(StandardCharsets.US_ASCII));
    box.putInt(0x01000000); // version 1, flags 0
    box.putLong(COMMON_SYSTEM_ID.getMostSignificantBits());
    box.putLong(COMMON_SYSTEM_ID.getLeastSignificantBits());
    box.putInt(kids.size());
    for (UUID kid : kids) {
      box.putLong(kid.getMostSignificantBits()).putLong(kid.getLeastSignificantBits());
    }
    box.putInt(0); // no system-specific data
    return box.array();
  }
}
