/**
 * Encryption building blocks of the media engine: content keys, HLS AES-128 whole-segment
 * encryption (RFC 8216) and ISO/IEC 23001-7 common encryption of samples. Plain Java and
 * javax.crypto only; the key exchange (SPEKE) lives on the service side.
 *
 * <p>The fMP4 outputs (CMAF cbcs, DASH and MSS cenc) are encrypted by a pipeline stage of their
 * own, as in Shaka Packager: {@link org.openvod.engine.encrypt.EncryptionHandler} sits between the
 * segmenter and the muxer, encrypts each sample of a protected track ({@link
 * org.openvod.engine.encrypt.CencSampleEncryptor}, {@link
 * org.openvod.engine.encrypt.CbcsSampleEncryptor}) and attaches its {@link
 * org.openvod.engine.encrypt.SampleEncryption}; the muxer, a {@link
 * org.openvod.engine.encrypt.ProtectionReceiver}, learns each track's {@link
 * org.openvod.engine.encrypt.TrackProtection} (scheme, KID, IV size or constant IV, pattern, DRM
 * signals) and writes boxes and manifests from it, never seeing a key.
 */
package org.openvod.engine.encrypt;
