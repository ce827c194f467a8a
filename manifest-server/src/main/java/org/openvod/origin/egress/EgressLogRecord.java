package org.openvod.origin.egress;

/**
 * One line of an egress access log: the fields MediaPackage documents (mediapackage-vod-api.md
 * §8.1) plus the ids and ARNs of the group, asset and configuration that served the request.
 *
 * @param processingTime seconds from request to last byte, as MediaPackage writes it
 * @param request the requested URL (scheme, host, path and query)
 */
public record EgressLogRecord(
    String timestamp,
    String clientIp,
    double processingTime,
    int statusCode,
    long receivedBytes,
    long sentBytes,
    String method,
    String request,
    String protocol,
    String userAgent,
    String account,
    String region,
    String domainName,
    String requestId,
    String packagingGroupId,
    String packagingGroupArn,
    String assetId,
    String assetArn,
    String packagingConfigId,
    String packagingConfigArn) {}
