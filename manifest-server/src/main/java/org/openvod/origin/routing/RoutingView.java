package org.openvod.origin.routing;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.openvod.events.EgressLayout;
import org.openvod.events.model.Notification;
import org.openvod.events.model.PackagingGroup;
import org.openvod.events.model.ResourceRecord;
import org.openvod.events.model.ResourceRecord.AssetRecord;
import org.openvod.events.model.ResourceRecord.ConfigurationRecord;
import org.openvod.events.model.ResourceRecord.GroupRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The origin's in-memory picture of what may be served, materialised from the resources topic
 * (groups, configurations, assets; tombstones remove) and the notifications topic ({@code
 * VodAssetPlayable} marks (asset, configuration, manifest) triples playable).
 *
 * <p>One thread applies records; request threads only read. A path is servable when its asset and
 * configuration exist now with those hex ids, share a packaging group that exists, and the triple
 * was announced playable. Because the hex ids of a deleted resource are never reused, an old
 * playable mark can never make a new resource servable.
 */
public final class RoutingView {

  private static final Logger LOG = LoggerFactory.getLogger(RoutingView.class);

  private final Map<String, ResourceRecord> byArn = new ConcurrentHashMap<>();
  private final Map<String, PackagingGroup> groupsById = new ConcurrentHashMap<>();
  private final Map<String, ConfigurationRecord> configurationsByHex = new ConcurrentHashMap<>();
  private final Map<String, AssetRecord> assetsByHex = new ConcurrentHashMap<>();
  private final Set<PlaybackKey> playable = ConcurrentHashMap.newKeySet();
  private final List<RoutingListener> listeners = new CopyOnWriteArrayList<>();

  /** An (asset, configuration, manifest) triple of hex ids. */
  public record PlaybackKey(String assetHex, String configHex, String manifestHex) {}

  public void addListener(RoutingListener listener) {
    listeners.add(listener);
  }

  public Route route(String assetHex, String configHex, String manifestHex) {
    AssetRecord asset = assetsByHex.get(assetHex);
    ConfigurationRecord config = configurationsByHex.get(configHex);
    if (asset == null && config == null) {
      return Route.UNKNOWN;
    }
    PackagingGroup group =
        asset != null ? groupsById.get(asset.asset().packagingGroupId()) : groupOf(config);
    boolean servable =
        asset != null
            && config != null
            && group != null
            && manifestHex.equals(config.manifestHex())
            && Objects.equals(
                asset.asset().packagingGroupId(), config.configuration().packagingGroupId())
            && playable.contains(new PlaybackKey(assetHex, configHex, manifestHex));
    return new Route(group, config, asset, servable);
  }

  private PackagingGroup groupOf(ConfigurationRecord config) {
    return config == null ? null : groupsById.get(config.configuration().packagingGroupId());
  }

  /** Applies one record of the resources topic; a null value is a tombstone for the key. */
  public void applyResource(String arn, ResourceRecord value) {
    if (arn == null) {
      return;
    }
    ResourceRecord previous = value == null ? byArn.remove(arn) : byArn.put(arn, value);
    if (previous != null) {
      remove(previous, value);
    }
    if (value instanceof GroupRecord g) {
      groupsById.put(g.group().id(), g.group());
    } else if (value instanceof ConfigurationRecord c) {
      configurationsByHex.put(c.configHex(), c);
    } else if (value instanceof AssetRecord a) {
      assetsByHex.put(a.assetHex(), a);
    }
  }

  /** Undoes what {@code previous} contributed, unless {@code replacement} keeps the same ids. */
  private void remove(ResourceRecord previous, ResourceRecord replacement) {
    if (previous instanceof GroupRecord g) {
      if (!(replacement instanceof GroupRecord r && r.group().id().equals(g.group().id()))) {
        groupsById.remove(g.group().id(), g.group());
      }
    } else if (previous instanceof ConfigurationRecord c) {
      if (!(replacement instanceof ConfigurationRecord r && r.configHex().equals(c.configHex()))) {
        configurationsByHex.remove(c.configHex());
        playable.removeIf(k -> k.configHex().equals(c.configHex()));
        listeners.forEach(l -> l.configurationRemoved(c.configHex()));
      }
    } else if (previous instanceof AssetRecord a) {
      if (!(replacement instanceof AssetRecord r && r.assetHex().equals(a.assetHex()))) {
        assetsByHex.remove(a.assetHex());
        playable.removeIf(k -> k.assetHex().equals(a.assetHex()));
        listeners.forEach(l -> l.assetRemoved(a.assetHex()));
      }
    }
  }

  /** Applies one notification: only {@code VodAssetPlayable} changes the view. */
  public void applyNotification(Notification notification) {
    if (notification == null
        || !Notification.VOD_ASSET_PLAYABLE.equals(notification.event())
        || notification.detail().manifestUrls() == null) {
      return;
    }
    for (String url : notification.detail().manifestUrls()) {
      PlaybackKey key = keyOf(url);
      if (key == null) {
        LOG.warn(
            "VodAssetPlayable {} names a manifest URL outside /out/v1/: {}",
            notification.id(),
            url);
      } else {
        playable.add(key);
      }
    }
  }

  /** The triple of a manifest URL {@code .../out/v1/{a}/{c}/{m}/{file}}, or null. */
  static PlaybackKey keyOf(String url) {
    String path;
    try {
      path = URI.create(url).getRawPath();
    } catch (IllegalArgumentException e) {
      return null;
    }
    if (path == null) {
      return null;
    }
    int start = path.indexOf(EgressLayout.PATH_PREFIX);
    if (start < 0) {
      return null;
    }
    String[] parts = path.substring(start + EgressLayout.PATH_PREFIX.length()).split("/");
    if (parts.length < 4 || !isHex(parts[0]) || !isHex(parts[1]) || !isHex(parts[2])) {
      return null;
    }
    return new PlaybackKey(parts[0], parts[1], parts[2]);
  }

  private static boolean isHex(String s) {
    return s.length() == 32
        && s.chars().allMatch(c -> (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'));
  }
}
