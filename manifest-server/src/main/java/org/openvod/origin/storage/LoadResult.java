package org.openvod.origin.storage;

import java.nio.ByteBuffer;

/** What loading an object on a cache miss gave: its bytes, or only its metadata. */
public sealed interface LoadResult {

  ObjectMeta meta();

  /** Bytes this entry holds, for the cache's size bound. */
  int weight();

  /**
   * An object small enough to keep whole, in a direct buffer the event loops write from without
   * copying; manifests also keep a gzip-encoded copy.
   *
   * @param gzip the gzip encoding of body, or null when the object is not compressed
   */
  record Cached(ObjectMeta meta, ByteBuffer body, ByteBuffer gzip) implements LoadResult {

    @Override
    public int weight() {
      return 256 + body.capacity() + (gzip == null ? 0 : gzip.capacity());
    }

    /** The ETag of the gzip variant: a different representation needs a different tag. */
    public String gzipEtag() {
      return gzipEtagOf(meta.etag());
    }
  }

  /**
   * An object served by streaming it from the store on every request (too large for the cache, or
   * no memory budget was left while loading it).
   *
   * @param keepMeta whether the metadata is worth remembering (false: memory pressure, retry)
   */
  record Streamed(ObjectMeta meta, boolean keepMeta) implements LoadResult {
    @Override
    public int weight() {
      return 256;
    }
  }

  static String gzipEtagOf(String etag) {
    if (etag == null) {
      return null;
    }
    return etag.endsWith("\"") ? etag.substring(0, etag.length() - 1) + "-gzip\"" : etag + "-gzip";
  }
}
