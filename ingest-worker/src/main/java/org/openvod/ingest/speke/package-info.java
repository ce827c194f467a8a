/**
 * The SPEKE client: asks a key server for content keys with a CPIX document (SPEKE v1 = CPIX 2.0,
 * SPEKE v2 = CPIX 2.3 with an encryption contract) and reads the keys and DRM signaling back. JDK
 * HttpClient and javax.xml only; the worker turns the answer into engine {@code ContentKey}s.
 */
package org.openvod.ingest.speke;
