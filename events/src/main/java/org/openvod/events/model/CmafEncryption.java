package org.openvod.events.model;

/** §3.10 */
public record CmafEncryption(
    String constantInitializationVector, SpekeKeyProvider spekeKeyProvider) {}
