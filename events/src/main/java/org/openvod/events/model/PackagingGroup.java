package org.openvod.events.model;

import java.util.Map;

/** A packaging group as the API shows it (approximateAssetCount is added by the API on reads). */
public record PackagingGroup(
    String id,
    String arn,
    String createdAt,
    String domainName,
    Authorization authorization,
    EgressAccessLogs egressAccessLogs,
    Map<String, String> tags) {}
