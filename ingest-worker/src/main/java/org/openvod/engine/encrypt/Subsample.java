package org.openvod.engine.encrypt;

/**
 * One subsample entry of a {@code senc} box (ISO/IEC 23001-7 §7.2): {@code clearBytes} left as they
 * are, then {@code protectedBytes} encrypted. A sample's entries cover it exactly, in order.
 */
public record Subsample(int clearBytes, long protectedBytes) {

  /** The senc field BytesOfClearData is 16 bits. */
  public static final int MAX_CLEAR = 0xFFFF;

  public Subsample {
    if (clearBytes < 0 || clearBytes > MAX_CLEAR) {
      throw new IllegalArgumentException(
          "clearBytes must be 0.." + MAX_CLEAR + ", got " + clearBytes);
    }
    if (protectedBytes < 0 || protectedBytes > 0xFFFF_FFFFL) {
      throw new IllegalArgumentException("protectedBytes out of range: " + protectedBytes);
    }
  }
}
