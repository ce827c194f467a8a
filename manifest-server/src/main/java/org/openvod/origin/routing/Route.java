package org.openvod.origin.routing;

import org.openvod.events.model.PackagingConfiguration;
import org.openvod.events.model.PackagingGroup;
import org.openvod.events.model.ResourceRecord.AssetRecord;
import org.openvod.events.model.ResourceRecord.ConfigurationRecord;

/**
 * What the routing view knows about a playback path. Group, configuration and asset are null when
 * unknown; {@code servable} holds only when all three exist, belong together, and the triple was
 * announced playable.
 */
public record Route(
    PackagingGroup group, ConfigurationRecord configuration, AssetRecord asset, boolean servable) {

  public static final Route UNKNOWN = new Route(null, null, null, false);

  /** The configuration's id, or null (used as a metric tag and in access logs). */
  public String configurationId() {
    PackagingConfiguration c = configuration == null ? null : configuration.configuration();
    return c == null ? null : c.id();
  }
}
