package org.openvod.engine.output.hls;

import java.util.ArrayList;
import java.util.List;
import org.openvod.engine.encrypt.EncryptionMode;
import org.openvod.engine.encrypt.EncryptionSpec;
import org.openvod.engine.encrypt.ProtectionKey;
import org.openvod.engine.encrypt.SampleAesEncryptor;
import org.openvod.engine.media.PackagingException;
import org.openvod.engine.media.StreamInfo;
import org.openvod.engine.output.OutputSpec;

/**
 * Decides how each rendition of an HLS-TS output is encrypted. A media playlist's EXT-X-KEY covers
 * every stream of its segments, so a rendition has one key: AES-128 takes the video's (else its
 * audio's); SAMPLE-AES encrypts each stream that has a key and refuses muxed streams with different
 * keys, which need an audio rendition group instead.
 */
final class HlsEncryption {

  private HlsEncryption() {}

  /** Refuses the modes HLS-TS cannot carry (CENC and CBCS are fMP4 schemes). */
  static void check(OutputSpec spec) throws PackagingException {
    EncryptionSpec encryption = spec.encryption();
    if (encryption != null
        && encryption.mode() != EncryptionMode.AES_128
        && encryption.mode() != EncryptionMode.SAMPLE_AES) {
      throw new PackagingException(
          PackagingException.Reason.INVALID_CONFIGURATION,
          "output "
              + spec.outputId()
              + ": HLS_TS output cannot be encrypted with "
              + encryption.mode()
              + ", only with AES_128 or SAMPLE_AES");
    }
  }

  /** Sets {@code record.key} and, for SAMPLE-AES, {@code record.encryptedTracks}. */
  static void assign(OutputSpec spec, RenditionSegments record) throws PackagingException {
    EncryptionSpec encryption = spec.encryption();
    if (encryption == null) {
      return;
    }
    List<StreamInfo> tracks = new ArrayList<>(List.of(record.main));
    tracks.addAll(record.muxedAudio);
    String what = "output " + spec.outputId() + ", rendition " + record.folder;
    ProtectionKey chosen = null;
    for (StreamInfo track : tracks) {
      ProtectionKey key = encryption.keys().forTrack(track);
      if (key == null) {
        continue;
      }
      if (encryption.mode() == EncryptionMode.SAMPLE_AES) {
        if (!SampleAesEncryptor.supports(track.codec())) {
          throw new PackagingException(
              PackagingException.Reason.INVALID_CONFIGURATION,
              what
                  + ": SAMPLE_AES cannot encrypt the "
                  + track.codec()
                  + " track "
                  + track.trackId()
                  + " (SAMPLE-AES in TS covers H.264, AAC, AC-3 and E-AC-3); use AES_128, or CMAF"
                  + " with CBCS");
        }
        if (chosen != null && !chosen.key().equals(key.key())) {
          throw new PackagingException(
              PackagingException.Reason.INVALID_CONFIGURATION,
              what
                  + ": its muxed tracks have different keys, but one EXT-X-KEY covers a whole"
                  + " segment; use an audio rendition group (useAudioRenditionGroup)");
        }
        record.encryptedTracks.add(track.trackId());
      }
      if (chosen == null) {
        chosen = key;
      }
    }
    if (chosen != null) {
      record.key = RenditionKey.of(encryption.mode(), chosen, encryption.constantIv(), what);
    }
  }
}
