package org.openvod.origin.routing;

/** Told when objects under some hex id can no longer be served (used to evict the cache). */
public interface RoutingListener {

  void assetRemoved(String assetHex);

  void configurationRemoved(String configHex);
}
