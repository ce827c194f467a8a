package org.openvod.events.model;

/** CDN authorization of a packaging group (§3.1). */
public record Authorization(String cdnIdentifierSecret, String secretsRoleArn) {}
