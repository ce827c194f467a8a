package org.openvod.events.model;

/** Egress access logging of a packaging group (§3.2). */
public record EgressAccessLogs(String logGroupName) {}
