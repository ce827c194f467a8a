package org.openvod.events.model;

import java.util.List;
import java.util.Map;

/** An asset as the API shows it (DescribeAsset); ListAssets leaves egressEndpoints out. */
public record Asset(
    String id,
    String arn,
    String createdAt,
    String packagingGroupId,
    String resourceId,
    String sourceArn,
    String sourceRoleArn,
    List<EgressEndpoint> egressEndpoints,
    Map<String, String> tags) {}
