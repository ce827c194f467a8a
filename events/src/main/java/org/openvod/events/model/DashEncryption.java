package org.openvod.events.model;

/** §3.8 */
public record DashEncryption(SpekeKeyProvider spekeKeyProvider) {}
