/**
 * Encryption building blocks of the media engine: content keys, HLS AES-128 whole-segment
 * encryption (RFC 8216) and ISO/IEC 23001-7 common encryption of samples. Plain Java and
 * javax.crypto only; the key exchange (SPEKE) lives on the service side.
 */
package org.openvod.engine.encrypt;
