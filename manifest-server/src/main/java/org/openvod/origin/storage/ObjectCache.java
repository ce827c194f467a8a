package org.openvod.origin.storage;

import com.github.benmanes.caffeine.cache.AsyncCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;
import java.util.concurrent.CompletableFuture;
import org.openvod.origin.routing.RoutingListener;

/**
 * The origin's bounded in-process cache of hot objects, by total bytes. Concurrent misses on one
 * key share a single load (one S3 GET), so a popular segment costs one request to the bucket no
 * matter how many players ask for it at once. Entries of removed assets and configurations are
 * dropped as soon as the routing view says so.
 */
public final class ObjectCache implements RoutingListener {

  private final AsyncCache<String, LoadResult> cache;
  private final S3ObjectStore store;

  public ObjectCache(S3ObjectStore store, long maxBytes, MeterRegistry registry) {
    this.store = store;
    this.cache =
        Caffeine.newBuilder()
            .maximumWeight(maxBytes)
            .weigher((String key, LoadResult value) -> value.weight())
            .recordStats()
            .buildAsync();
    CaffeineCacheMetrics.monitor(registry, cache, "origin-objects");
  }

  /**
   * The object under a key: from memory when present, otherwise from one shared load. Completes
   * with null when the object does not exist (not cached, so a later upload is seen).
   */
  public CompletableFuture<LoadResult> get(String key) {
    CompletableFuture<LoadResult> present = cache.getIfPresent(key); // the hot path, no lambda
    if (present != null) {
      return present;
    }
    CompletableFuture<LoadResult> loading = cache.get(key, (k, executor) -> store.load(k));
    // metadata gathered under memory pressure is not kept: the next request tries to cache again
    loading.thenAccept(
        result -> {
          if (result instanceof LoadResult.Streamed s && !s.keepMeta()) {
            cache.asMap().remove(key, loading);
          }
        });
    return loading;
  }

  /**
   * Drops one entry, e.g. when streaming it failed because the object changed: objects in this
   * layout are written once, so entries otherwise live until the size bound evicts them.
   */
  public void invalidate(String key) {
    cache.synchronous().invalidate(key);
  }

  @Override
  public void assetRemoved(String assetHex) {
    String prefix = assetHex + "/";
    cache.synchronous().asMap().keySet().removeIf(k -> k.startsWith(prefix));
  }

  @Override
  public void configurationRemoved(String configHex) {
    // keys are {assetHex 32}/{configHex 32}/...
    cache
        .synchronous()
        .asMap()
        .keySet()
        .removeIf(k -> k.length() > 66 && k.regionMatches(33, configHex, 0, 32));
  }
}
