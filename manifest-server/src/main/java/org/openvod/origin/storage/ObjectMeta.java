package org.openvod.origin.storage;

import java.time.Instant;

/**
 * What the origin needs to know about a stored object to answer without its bytes.
 *
 * @param length size in bytes
 * @param etag the quoted entity tag from the object store
 * @param lastModified when the object was written (may be null)
 * @param lastModifiedHttp the same as an HTTP date, formatted once
 */
public record ObjectMeta(long length, String etag, Instant lastModified, String lastModifiedHttp) {

  public ObjectMeta(long length, String etag, Instant lastModified) {
    this(
        length,
        etag,
        lastModified,
        lastModified == null ? null : org.openvod.origin.http.HttpDates.format(lastModified));
  }
}
