package org.openvod.engine.encrypt;

/** Encrypts one track's samples, in decode order; one instance per track. */
public interface SampleEncryptor {

  EncryptedSample encrypt(byte[] sample);
}
