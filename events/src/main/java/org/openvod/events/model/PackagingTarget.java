package org.openvod.events.model;

import org.openvod.events.EgressLayout;

/**
 * One (asset, configuration) pair to package: the configuration, where its outputs go, and the URL
 * players will use.
 */
public record PackagingTarget(
    PackagingConfiguration configuration, String configHex, String manifestHex, String url) {

  public String keyPrefix(String assetHex) {
    return EgressLayout.keyPrefix(assetHex, configHex, manifestHex);
  }
}
