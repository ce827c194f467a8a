package org.openvod.engine.encrypt;

import org.openvod.engine.pipeline.MediaHandler;

/**
 * A muxer that can write protected tracks. The {@link EncryptionHandler} before it calls {@link
 * #onTrackProtection} right before a protected track's {@code onStreamInfo}; that track's samples
 * then come encrypted, each with its {@link SampleEncryption}. Tracks without the call are clear.
 */
public interface ProtectionReceiver extends MediaHandler {

  void onTrackProtection(int trackId, TrackProtection protection) throws Exception;
}
