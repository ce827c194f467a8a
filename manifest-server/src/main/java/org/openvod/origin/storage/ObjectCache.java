package org.openvod.origin.storage;

import com.github.benmanes.caffeine.cache.AsyncCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.openvod.origin.routing.RoutingListener;

/**
 * The origin's bounded in-process cache of hot objects, by total bytes. Concurrent misses on one
 * key share a single load (one S3 GET), so a popular segment costs one request to the bucket no
 * matter how many players ask for it at once. Entries of removed assets and configurations are
 * dropped as soon as the routing view says so.
 */
public final class ObjectCache implements RoutingListener {

  /** How long we remember the metadata of a streamed (too large) object. */
  private static final Duration STREAMED_META_LIFE = Duration.ofSeconds(30);

  private final AsyncCache<String, LoadResult> cache;
  private final S3ObjectStore store;

  public ObjectCache(S3ObjectStore store, long maxBytes, MeterRegistry registry) {
    this.store = store;
    this.cache =
        Caffeine.newBuilder()
            .maximumWeight(maxBytes)
            .weigher((String key, LoadResult value) -> value.weight())
            .expireAfter(new LifeByKind())
            .recordStats()
            .buildAsync();
    CaffeineCacheMetrics.monitor(registry, cache, "origin-objects");
  }

  /**
   * The object under a key: from memory when present, otherwise from one shared load. Completes
   * with null when the object does not exist (not cached, so a later upload is seen).
   */
  public CompletableFuture<LoadResult> get(String key) {
    return cache.get(key, (k, executor) -> store.load(k));
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

  /** Whole objects live until evicted by size; metadata of streamed objects only briefly. */
  private static final class LifeByKind implements Expiry<String, LoadResult> {
    @Override
    public long expireAfterCreate(String key, LoadResult value, long currentTime) {
      if (value instanceof LoadResult.Streamed s) {
        return s.keepMeta() ? STREAMED_META_LIFE.toNanos() : 0;
      }
      return Long.MAX_VALUE;
    }

    @Override
    public long expireAfterUpdate(
        String key, LoadResult value, long currentTime, long currentDuration) {
      return expireAfterCreate(key, value, currentTime);
    }

    @Override
    public long expireAfterRead(
        String key, LoadResult value, long currentTime, long currentDuration) {
      return currentDuration;
    }
  }
}
