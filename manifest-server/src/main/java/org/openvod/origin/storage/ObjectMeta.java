package org.openvod.origin.storage;

import java.time.Instant;

/**
 * What the origin needs to know about a stored object to answer without its bytes.
 *
 * @param length size in bytes
 * @param etag the quoted entity tag from the object store
 * @param lastModified when the object was written (may be null)
 */
public record ObjectMeta(long length, String etag, Instant lastModified) {}
