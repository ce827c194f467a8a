package org.openvod.events.model;

/** §3.8 */
public record MssEncryption(SpekeKeyProvider spekeKeyProvider) {}
