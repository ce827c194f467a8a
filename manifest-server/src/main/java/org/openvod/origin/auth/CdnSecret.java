package org.openvod.origin.auth;

/**
 * The accepted values of one CDN identifier secret: the current one and, after a change, the one
 * before it (MediaPackage accepts both, so a CDN can be switched over without an outage).
 *
 * @param current the value the secret holds now
 * @param previous the value it held before the last change, or null
 */
public record CdnSecret(String current, String previous) {

  /** The secret after its value became {@code next}: the old current value is kept as previous. */
  public CdnSecret rotatedTo(String next) {
    return next.equals(current) ? this : new CdnSecret(next, current);
  }
}
