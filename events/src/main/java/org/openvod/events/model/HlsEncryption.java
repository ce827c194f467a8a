package org.openvod.events.model;

/** §3.5 */
public record HlsEncryption(
    String constantInitializationVector,
    String encryptionMethod,
    SpekeKeyProvider spekeKeyProvider) {}
