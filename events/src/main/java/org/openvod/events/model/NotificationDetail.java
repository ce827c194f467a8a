package org.openvod.events.model;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * The {@code detail} of a notification. AWS uses snake_case here, unlike the API. {@code
 * percent_complete} appears only on our {@code IngestProgress} extension.
 */
public record NotificationDetail(
    String event,
    String message,
    @JsonProperty("packaging_configuration_id") String packagingConfigurationId,
    @JsonProperty("manifest_urls") List<String> manifestUrls,
    @JsonProperty("percent_complete") Integer percentComplete) {}
