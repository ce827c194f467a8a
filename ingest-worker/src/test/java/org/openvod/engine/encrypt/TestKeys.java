package org.openvod.engine.encrypt;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;

/**
 * Content keys and DRM signals for the encryption tests, shaped as a SPEKE key server returns them:
 * a W3C Clear Key signal (pssh box, HLS key URI) and a PlayReady one (pssh, Smooth protection
 * header with a real WRMHEADER naming the KID).
 */
public final class TestKeys {

  public static final UUID CLEAR_KEY = UUID.fromString("e2719d58-a985-b3c9-781a-b030af78d30e");
  public static final UUID PLAYREADY = UUID.fromString("9a04f079-9840-4286-ab92-e65be0885f95");

  /** W3C "common" PSSH system: the only cenc init data Chromium's Clear Key CDM accepts. */
  public static final UUID COMMON_PSSH = UUID.fromString("1077efec-c0b2-4d02-ace3-3c1e52e2fb4b");

  public static final ContentKey HD =
      ContentKey.ofHex(
          "0a1b2c3d4e5f60718293a4b5c6d7e8f9", "11223344556677889900aabbccddeeff", null);
  public static final ContentKey SD =
      ContentKey.ofHex(
          "1f2e3d4c5b6a79880796a5b4c3d2e1f0", "ffeeddccbbaa00998877665544332211", null);
  public static final ContentKey AUDIO =
      ContentKey.ofHex(
          "00112233445566778899aabbccddeeff", "0f1e2d3c4b5a69788796a5b4c3d2e1f0", null);

  /** The key of the HLS-TS tests (AES-128, SAMPLE-AES), which players fetch from a key URI. */
  public static final ContentKey HLS =
      ContentKey.ofHex(
          "0f1e2d3c4b5a69788796a5b4c3d2e1f0", "00112233445566778899aabbccddeeff", null);

  /** The system id of the tests' DRM signal for the "identity" key format (any id would do). */
  public static final UUID IDENTITY = UUID.fromString("81376844-f976-481e-a84e-cc25d39b0b33");

  private TestKeys() {}

  public static String hex(byte[] bytes) {
    return HexFormat.of().formatHex(bytes);
  }

  /** Every track under the HD key with its Clear Key and PlayReady signals. */
  public static EncryptionSpec singleKey(EncryptionMode mode, byte[] constantIv) {
    return new EncryptionSpec(mode, KeyAssignment.single(withSignals(HD)), constantIv);
  }

  /** The key with one DRM signal, whose HLS key URI is {@code uri} (and no key format). */
  public static ProtectionKey atKeyUri(ContentKey key, String uri) {
    return new ProtectionKey(
        key, List.of(new DrmSignal(IDENTITY, null, null, uri, null, null, null)));
  }

  /** The key with a Clear Key signal (pssh, HLS key URI) and a PlayReady one. */
  public static ProtectionKey withSignals(ContentKey key) {
    return new ProtectionKey(key, List.of(clearKey(key), playReady(key)));
  }

  public static DrmSignal clearKey(ContentKey key) {
    return new DrmSignal(
        CLEAR_KEY,
        pssh(CLEAR_KEY, key.keyId(), new byte[0]),
        null,
        "https://keys.example/clearkey/" + key.keyIdUuid(),
        "org.w3.clearkey",
        "1",
        null);
  }

  /** The W3C common-system pssh (KIDs only), for EME players that hand init data to the CDM. */
  public static DrmSignal commonPssh(ContentKey key) {
    return new DrmSignal(
        COMMON_PSSH, pssh(COMMON_PSSH, key.keyId(), new byte[0]), null, null, null, null, null);
  }

  public static DrmSignal playReady(ContentKey key) {
    byte[] pro = playReadyObject(key);
    return new DrmSignal(
        PLAYREADY,
        pssh(PLAYREADY, null, pro),
        "<mspr:pro>" + Base64.getEncoder().encodeToString(pro) + "</mspr:pro>",
        null,
        null,
        null,
        Base64.getEncoder().encodeToString(pro));
  }

  /** A pssh box: version 1 with one KID when {@code kid} is given, else version 0. */
  public static byte[] pssh(UUID system, byte[] kid, byte[] data) {
    int size = 32 + data.length + (kid != null ? 20 : 0);
    ByteBuffer b = ByteBuffer.allocate(size);
    b.putInt(size).put("pssh".getBytes(StandardCharsets.US_ASCII));
    b.putInt(kid != null ? 0x01000000 : 0);
    b.put(ContentKey.uuidBytes(system));
    if (kid != null) {
      b.putInt(1).put(kid);
    }
    b.putInt(data.length).put(data);
    return b.array();
  }

  /**
   * A PlayReady Object (little-endian length, record count, one rights-management header record of
   * UTF-16LE WRMHEADER XML), its KID in PlayReady's GUID byte order.
   */
  static byte[] playReadyObject(ContentKey key) {
    byte[] kid = key.keyId();
    byte[] guid = {
      kid[3], kid[2], kid[1], kid[0], kid[5], kid[4], kid[7], kid[6],
      kid[8], kid[9], kid[10], kid[11], kid[12], kid[13], kid[14], kid[15]
    };
    String xml =
        "<WRMHEADER xmlns=\"http://schemas.microsoft.com/DRM/2007/03/PlayReadyHeader\""
            + " version=\"4.0.0.0\"><DATA><PROTECTINFO><KEYLEN>16</KEYLEN><ALGID>AESCTR</ALGID>"
            + "</PROTECTINFO><KID>"
            + Base64.getEncoder().encodeToString(guid)
            + "</KID></DATA></WRMHEADER>";
    byte[] record = xml.getBytes(StandardCharsets.UTF_16LE);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteBuffer head = ByteBuffer.allocate(10).order(ByteOrder.LITTLE_ENDIAN);
    head.putInt(10 + record.length).putShort((short) 1).putShort((short) 1);
    head.putShort((short) record.length);
    out.writeBytes(head.array());
    out.writeBytes(record);
    return out.toByteArray();
  }
}
