package org.openvod.events.model;

/** One Smooth Streaming client manifest (§3.11). */
public record MssManifest(String manifestName, StreamSelection streamSelection) {}
