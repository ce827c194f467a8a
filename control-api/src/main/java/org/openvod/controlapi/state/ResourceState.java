package org.openvod.controlapi.state;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.NavigableSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.ConcurrentSkipListSet;
import org.openvod.events.model.ResourceRecord;
import org.openvod.events.model.ResourceRecord.AssetRecord;
import org.openvod.events.model.ResourceRecord.ConfigurationRecord;
import org.openvod.events.model.ResourceRecord.GroupRecord;

/**
 * Every group, configuration and asset, sorted by id, with per-group indexes. One writer thread
 * applies changes; readers may read concurrently (the maps are concurrent, and sorted so that
 * pagination by "last id seen" never skips nor repeats an item that exists throughout).
 */
public final class ResourceState {

  private final NavigableMap<String, GroupRecord> groups = new ConcurrentSkipListMap<>();
  private final NavigableMap<String, ConfigurationRecord> configurations =
      new ConcurrentSkipListMap<>();
  private final NavigableMap<String, AssetRecord> assets = new ConcurrentSkipListMap<>();
  private final Map<String, NavigableSet<String>> configurationsByGroup = new ConcurrentHashMap<>();
  private final Map<String, NavigableSet<String>> assetsByGroup = new ConcurrentHashMap<>();

  /** Applies one value of the resources topic (null = tombstone of that ARN). */
  public void apply(String arn, ResourceRecord record) {
    if (record == null) {
      remove(arn);
    } else {
      put(record);
    }
  }

  public void apply(ResourceChange change) {
    apply(change.arn(), change.record());
  }

  public void put(ResourceRecord record) {
    if (record instanceof GroupRecord g) {
      groups.put(g.group().id(), g);
    } else if (record instanceof ConfigurationRecord c) {
      String id = c.configuration().id();
      ConfigurationRecord old = configurations.put(id, c);
      unindex(
          configurationsByGroup, old == null ? null : old.configuration().packagingGroupId(), id);
      index(configurationsByGroup, c.configuration().packagingGroupId(), id);
    } else if (record instanceof AssetRecord a) {
      String id = a.asset().id();
      AssetRecord old = assets.put(id, a);
      unindex(assetsByGroup, old == null ? null : old.asset().packagingGroupId(), id);
      index(assetsByGroup, a.asset().packagingGroupId(), id);
    }
  }

  public void remove(String arn) {
    Arns.Parsed parsed = Arns.parse(arn);
    if (parsed == null) {
      return;
    }
    switch (parsed.type()) {
      case Arns.GROUPS -> groups.remove(parsed.id());
      case Arns.CONFIGURATIONS -> {
        ConfigurationRecord old = configurations.remove(parsed.id());
        if (old != null) {
          unindex(configurationsByGroup, old.configuration().packagingGroupId(), parsed.id());
        }
      }
      default -> {
        AssetRecord old = assets.remove(parsed.id());
        if (old != null) {
          unindex(assetsByGroup, old.asset().packagingGroupId(), parsed.id());
        }
      }
    }
  }

  private static void index(Map<String, NavigableSet<String>> index, String groupId, String id) {
    index.computeIfAbsent(groupId, k -> new ConcurrentSkipListSet<>()).add(id);
  }

  private static void unindex(Map<String, NavigableSet<String>> index, String groupId, String id) {
    if (groupId == null) {
      return;
    }
    NavigableSet<String> ids = index.get(groupId);
    if (ids != null) {
      ids.remove(id);
    }
  }

  public GroupRecord group(String id) {
    return groups.get(id);
  }

  public ConfigurationRecord configuration(String id) {
    return configurations.get(id);
  }

  public AssetRecord asset(String id) {
    return assets.get(id);
  }

  /** The resource an ARN names, or null when there is none (or the ARN is of another account). */
  public ResourceRecord byArn(String arn) {
    Arns.Parsed parsed = Arns.parse(arn);
    if (parsed == null) {
      return null;
    }
    ResourceRecord record =
        switch (parsed.type()) {
          case Arns.GROUPS -> groups.get(parsed.id());
          case Arns.CONFIGURATIONS -> configurations.get(parsed.id());
          default -> assets.get(parsed.id());
        };
    return record != null && record.arn().equals(arn) ? record : null;
  }

  public int groupCount() {
    return groups.size();
  }

  public int configurationCount(String groupId) {
    NavigableSet<String> ids = configurationsByGroup.get(groupId);
    return ids == null ? 0 : ids.size();
  }

  public int assetCount(String groupId) {
    NavigableSet<String> ids = assetsByGroup.get(groupId);
    return ids == null ? 0 : ids.size();
  }

  /** Configurations of a group, by id. */
  public List<ConfigurationRecord> configurationsOf(String groupId) {
    List<ConfigurationRecord> out = new ArrayList<>();
    for (String id : idsOf(configurationsByGroup, groupId)) {
      ConfigurationRecord c = configurations.get(id);
      if (c != null) {
        out.add(c);
      }
    }
    return out;
  }

  /** Assets of a group, by id. */
  public List<AssetRecord> assetsOf(String groupId) {
    List<AssetRecord> out = new ArrayList<>();
    for (String id : idsOf(assetsByGroup, groupId)) {
      AssetRecord a = assets.get(id);
      if (a != null) {
        out.add(a);
      }
    }
    return out;
  }

  private static NavigableSet<String> idsOf(Map<String, NavigableSet<String>> index, String g) {
    NavigableSet<String> ids = index.get(g);
    return ids == null ? new ConcurrentSkipListSet<>() : ids;
  }

  /** Up to {@code limit} groups with ids after {@code afterId} (null = from the start). */
  public List<GroupRecord> groupsAfter(String afterId, int limit) {
    return page(groups, afterId, limit);
  }

  /** Configurations after an id, optionally only of one group. */
  public List<ConfigurationRecord> configurationsAfter(String groupId, String afterId, int limit) {
    if (groupId == null) {
      return page(configurations, afterId, limit);
    }
    return pageOf(idsOf(configurationsByGroup, groupId), configurations, afterId, limit);
  }

  /** Assets after an id, optionally only of one group. */
  public List<AssetRecord> assetsAfter(String groupId, String afterId, int limit) {
    if (groupId == null) {
      return page(assets, afterId, limit);
    }
    return pageOf(idsOf(assetsByGroup, groupId), assets, afterId, limit);
  }

  private static <T> List<T> page(NavigableMap<String, T> map, String afterId, int limit) {
    NavigableMap<String, T> tail = afterId == null ? map : map.tailMap(afterId, false);
    List<T> out = new ArrayList<>(Math.min(limit, 64));
    for (T value : tail.values()) {
      if (out.size() >= limit) {
        break;
      }
      out.add(value);
    }
    return out;
  }

  private static <T> List<T> pageOf(
      NavigableSet<String> ids, Map<String, T> values, String afterId, int limit) {
    NavigableSet<String> tail = afterId == null ? ids : ids.tailSet(afterId, false);
    List<T> out = new ArrayList<>(Math.min(limit, 64));
    for (String id : tail) {
      if (out.size() >= limit) {
        break;
      }
      T value = values.get(id);
      if (value != null) {
        out.add(value);
      }
    }
    return out;
  }
}
