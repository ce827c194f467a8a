package org.openvod.deploy.keys;

import java.util.UUID;

/**
 * The player-facing addresses the key server hands out, under its public base URL (plain HTTP:
 * players and browsers fetch them, and would refuse a self-signed certificate).
 */
record KeyUris(String baseUrl) {

  KeyUris {
    baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
  }

  /** Where an HLS AES-128 player GETs the 16-byte key of {@code kid}. */
  String key(UUID kid) {
    return baseUrl + "/keys/" + kid;
  }

  /** The W3C Clear Key license endpoint. */
  String clearKeyLicense() {
    return baseUrl + "/clearkey";
  }
}
