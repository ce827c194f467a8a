package org.openvod.engine.encrypt;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.openvod.engine.media.Codec;
import org.openvod.engine.media.PackagingException;
import org.openvod.engine.media.Sample;
import org.openvod.engine.media.StreamInfo;
import org.openvod.engine.media.TrackKind;
import org.openvod.engine.pipeline.ForwardingHandler;

/**
 * The encryptor stage of an fMP4 output (CMAF, DASH, MSS), between the segmenter and the muxer, as
 * Shaka Packager's EncryptionHandler: it asks the {@link KeyAssignment} for each audio and video
 * track's key, tells the muxer the track's {@link TrackProtection} before its stream info, and
 * passes each sample on encrypted with its {@link SampleEncryption}. Tracks without a key, and
 * subtitles, pass clear. Keys never leave this stage.
 *
 * <ul>
 *   <li>CENC: AES-CTR, 8-byte per-sample IVs starting at a value derived from the key id and the
 *       track id (so two tracks under one key never share keystream, and repeated runs write the
 *       same bytes), video subsamples.
 *   <li>CBCS: AES-CBC with a constant IV: the spec's constantIv, else the key's explicit IV, else
 *       one derived from the key id (so repeated runs write the same bytes); video 1:9 pattern.
 * </ul>
 */
public final class EncryptionHandler extends ForwardingHandler {

  private static final int CENC_IV_SIZE = 8;

  private final EncryptionSpec spec;
  private final ProtectionReceiver downstream;
  private final Map<Integer, SampleEncryptor> encryptors = new HashMap<>();

  public EncryptionHandler(EncryptionSpec spec, ProtectionReceiver downstream) {
    super(downstream);
    if (spec.mode() != EncryptionMode.CENC && spec.mode() != EncryptionMode.CBCS) {
      throw new IllegalArgumentException(
          "sample encryption is CENC or CBCS, not " + spec.mode() + " (a whole-segment mode)");
    }
    this.spec = spec;
    this.downstream = downstream;
  }

  @Override
  public void onStreamInfo(StreamInfo info) throws Exception {
    ProtectionKey key = info.kind() == TrackKind.SUBTITLE ? null : spec.keys().forTrack(info);
    if (key != null) {
      boolean video = info.kind() == TrackKind.VIDEO;
      if (video ? !isVideo(info.codec()) : !isAudio(info.codec())) {
        throw new PackagingException(
            PackagingException.Reason.UNSUPPORTED_CONTENT,
            "track " + info.trackId() + ": cannot encrypt " + info.codec() + " samples");
      }
      TrackProtection protection;
      SampleEncryptor encryptor;
      byte[] kid = key.key().keyId();
      if (spec.mode() == EncryptionMode.CENC) {
        byte[] firstIv = Arrays.copyOf(digest("openvod cenc first IV", kid, info.trackId()), 8);
        encryptor =
            video
                ? CencSampleEncryptor.video(key.key(), info.codec(), firstIv)
                : CencSampleEncryptor.audio(key.key(), firstIv);
        protection = new TrackProtection("cenc", kid, CENC_IV_SIZE, null, 0, 0, key.signals());
      } else {
        byte[] iv = constantIv(key.key());
        encryptor =
            video
                ? CbcsSampleEncryptor.video(key.key(), info.codec(), iv)
                : CbcsSampleEncryptor.audio(key.key(), iv);
        protection =
            new TrackProtection(
                "cbcs",
                kid,
                0,
                iv,
                video ? CbcsSampleEncryptor.CRYPT_BLOCKS : 0,
                video ? CbcsSampleEncryptor.SKIP_BLOCKS : 0,
                key.signals());
      }
      encryptors.put(info.trackId(), encryptor);
      downstream.onTrackProtection(info.trackId(), protection);
    }
    downstream.onStreamInfo(info);
  }

  @Override
  public void onSample(Sample sample) throws Exception {
    SampleEncryptor encryptor = encryptors.get(sample.trackId());
    if (encryptor == null) {
      downstream.onSample(sample);
      return;
    }
    EncryptedSample encrypted = encryptor.encrypt(sample.data());
    downstream.onSample(sample.encrypted(encrypted.data(), SampleEncryption.of(encrypted)));
  }

  /** cbcs: the configured constant IV, the key server's, or one derived from the key id. */
  private byte[] constantIv(ContentKey key) {
    if (spec.constantIv() != null) {
      return spec.constantIv();
    }
    if (key.hasExplicitIv()) {
      return key.iv();
    }
    return derivedIv(key.keyId());
  }

  /** The first 16 bytes of SHA-256 over a label and the key id. */
  static byte[] derivedIv(byte[] keyId) {
    return Arrays.copyOf(digest("openvod cbcs constant IV", keyId, -1), 16);
  }

  /**
   * SHA-256 over a label, a key id and a track id (-1: none). IVs come from it rather than from a
   * random source so that packaging again (a job redone after a crash) writes the same bytes; per
   * (key, track) they still differ, so two tracks under one key never share cenc keystream.
   */
  private static byte[] digest(String label, byte[] keyId, int trackId) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      sha.update(label.getBytes(StandardCharsets.US_ASCII));
      sha.update(keyId);
      if (trackId >= 0) {
        sha.update(java.nio.ByteBuffer.allocate(4).putInt(trackId).array());
      }
      return sha.digest();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static boolean isVideo(Codec codec) {
    return codec == Codec.H264 || codec == Codec.H265;
  }

  private static boolean isAudio(Codec codec) {
    return codec == Codec.AAC || codec == Codec.AC3 || codec == Codec.EAC3;
  }
}
