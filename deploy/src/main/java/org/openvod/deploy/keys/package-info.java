/**
 * The built-in key server {@code ./vod up} starts so encrypted packaging configurations work out of
 * the box: SPEKE v1 (CPIX 2.0) and v2 (CPIX 2.3) for packagers, HLS AES-128 keys at the key URIs it
 * hands out, and a W3C Clear Key license endpoint for browser players. Keys are derived from the
 * key id with a secret kept in the data directory, so nothing else is stored. JDK only.
 */
package org.openvod.deploy.keys;
