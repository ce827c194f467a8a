package org.openvod.events.model;

/** Which video renditions a manifest lists, and in which order (§3.12). */
public record StreamSelection(
    Integer maxVideoBitsPerSecond, Integer minVideoBitsPerSecond, String streamOrder) {}
