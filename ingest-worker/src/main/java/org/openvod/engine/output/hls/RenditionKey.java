package org.openvod.engine.output.hls;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.openvod.engine.encrypt.DrmSignal;
import org.openvod.engine.encrypt.EncryptionMode;
import org.openvod.engine.encrypt.HlsAes128SegmentEncryptor;
import org.openvod.engine.encrypt.HlsSegmentIv;
import org.openvod.engine.encrypt.ProtectionKey;
import org.openvod.engine.media.PackagingException;

/**
 * How one HLS-TS rendition (one media playlist) is encrypted: its key, the IV of each of its
 * segments and the EXT-X-KEY lines that say so. For AES-128 it also seals finished segments: the
 * whole TS file goes through AES-128-CBC, the muxer itself stays unaware of encryption.
 */
final class RenditionKey {

  private final EncryptionMode mode;
  private final ProtectionKey key;
  private final byte[] constantIv;
  private final List<DrmSignal> hlsSignals;
  private final HlsAes128SegmentEncryptor wholeSegment;

  private RenditionKey(
      EncryptionMode mode, ProtectionKey key, byte[] constantIv, List<DrmSignal> hlsSignals) {
    this.mode = mode;
    this.key = key;
    this.constantIv = constantIv;
    this.hlsSignals = hlsSignals;
    this.wholeSegment =
        mode == EncryptionMode.AES_128
            ? new HlsAes128SegmentEncryptor(key.key(), hlsSignals.get(0).hlsKeyUri())
            : null;
  }

  /**
   * @param what names the rendition in errors
   * @throws PackagingException no DRM signal of the key gives an HLS key URI, or one has characters
   *     a playlist attribute cannot hold
   */
  static RenditionKey of(EncryptionMode mode, ProtectionKey key, byte[] constantIv, String what)
      throws PackagingException {
    List<DrmSignal> signals = new ArrayList<>();
    for (DrmSignal signal : key.signals()) {
      if (signal.hlsKeyUri() == null || signal.hlsKeyUri().isBlank()) {
        continue;
      }
      for (String value :
          Arrays.asList(signal.hlsKeyUri(), signal.hlsKeyFormat(), signal.hlsKeyFormatVersions())) {
        if (value != null && (value.indexOf('"') >= 0 || value.indexOf('\n') >= 0)) {
          throw new PackagingException(
              PackagingException.Reason.INVALID_CONFIGURATION,
              what + ": EXT-X-KEY attribute may not contain quotes or line breaks: " + value);
        }
      }
      signals.add(signal);
    }
    if (signals.isEmpty()) {
      throw new PackagingException(
          PackagingException.Reason.INVALID_CONFIGURATION,
          what + ": the key server gave no HLS key URI for key " + key.key().keyIdUuid());
    }
    return new RenditionKey(mode, key, constantIv, List.copyOf(signals));
  }

  boolean sampleAes() {
    return mode == EncryptionMode.SAMPLE_AES;
  }

  boolean wholeSegment() {
    return mode == EncryptionMode.AES_128;
  }

  ProtectionKey protectionKey() {
    return key;
  }

  /** The IV of segment {@code segment} (its number in the media playlist). */
  byte[] iv(int segment) {
    return HlsSegmentIv.of(constantIv, key.key(), segment);
  }

  /** AES-128: the encrypted file of a finished segment. */
  byte[] seal(byte[] ts, int segment) {
    if (wholeSegment == null) {
      throw new IllegalStateException("SAMPLE-AES segments are encrypted sample by sample");
    }
    return wholeSegment.encrypt(ts, iv(segment));
  }

  /** EXT-X-KEY lines for a segment with IV {@code iv}: one per DRM system with an HLS key URI. */
  List<String> tags(byte[] iv) {
    String method = mode == EncryptionMode.AES_128 ? "AES-128" : "SAMPLE-AES";
    String ivHex = "0x" + HexFormat.of().withUpperCase().formatHex(iv);
    List<String> lines = new ArrayList<>();
    for (DrmSignal signal : hlsSignals) {
      StringBuilder line = new StringBuilder("#EXT-X-KEY:METHOD=").append(method);
      line.append(",URI=\"").append(signal.hlsKeyUri()).append('"');
      line.append(",IV=").append(ivHex);
      if (signal.hlsKeyFormat() != null && !signal.hlsKeyFormat().isBlank()) {
        line.append(",KEYFORMAT=\"").append(signal.hlsKeyFormat()).append('"');
      }
      if (signal.hlsKeyFormatVersions() != null && !signal.hlsKeyFormatVersions().isBlank()) {
        line.append(",KEYFORMATVERSIONS=\"").append(signal.hlsKeyFormatVersions()).append('"');
      }
      lines.add(line.toString());
    }
    return lines;
  }

  /**
   * The lowest EXT-X-VERSION these tags need (RFC 8216 §7): IV needs 2, KEYFORMAT and
   * KEYFORMATVERSIONS need 5.
   */
  int playlistVersion() {
    boolean keyFormat =
        hlsSignals.stream()
            .anyMatch(
                s ->
                    (s.hlsKeyFormat() != null && !s.hlsKeyFormat().isBlank())
                        || (s.hlsKeyFormatVersions() != null
                            && !s.hlsKeyFormatVersions().isBlank()));
    return keyFormat ? 5 : 2;
  }

  /**
   * AES-128: where the I-frame playlist's copy of key frame {@code keyFrame} of segment {@code
   * segment} is. A byte range inside a whole-segment-encrypted file cannot be decrypted on its own
   * (CBC needs the cipher block before it, and the range is not padded), so each key frame gets a
   * small file of its own, encrypted with its segment's IV.
   */
  static String iframePath(String folder, int segment, int keyFrame) {
    return String.format("%s/iframe_%05d_%d.ts", folder, segment, keyFrame);
  }
}
