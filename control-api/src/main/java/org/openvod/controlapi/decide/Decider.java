package org.openvod.controlapi.decide;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.openvod.controlapi.VodProperties.Quotas;
import org.openvod.controlapi.api.ApiError;
import org.openvod.controlapi.command.Command;
import org.openvod.controlapi.command.Command.ConfigureLogs;
import org.openvod.controlapi.command.Command.CreateAsset;
import org.openvod.controlapi.command.Command.CreateConfiguration;
import org.openvod.controlapi.command.Command.CreateGroup;
import org.openvod.controlapi.command.Command.DeleteAsset;
import org.openvod.controlapi.command.Command.DeleteConfiguration;
import org.openvod.controlapi.command.Command.DeleteGroup;
import org.openvod.controlapi.command.Command.FoldNotification;
import org.openvod.controlapi.command.Command.TagResource;
import org.openvod.controlapi.command.Command.UntagResource;
import org.openvod.controlapi.command.Command.UpdateGroup;
import org.openvod.controlapi.state.ResourceChange;
import org.openvod.controlapi.state.ResourceState;
import org.openvod.events.EgressLayout;
import org.openvod.events.model.Asset;
import org.openvod.events.model.EgressEndpoint;
import org.openvod.events.model.LifecycleEvent;
import org.openvod.events.model.Notification;
import org.openvod.events.model.PackagingConfiguration;
import org.openvod.events.model.PackagingGroup;
import org.openvod.events.model.PackagingTarget;
import org.openvod.events.model.ResourceRecord;
import org.openvod.events.model.ResourceRecord.AssetRecord;
import org.openvod.events.model.ResourceRecord.ConfigurationRecord;
import org.openvod.events.model.ResourceRecord.GroupRecord;

/**
 * Decides one command against the current state: the rules that need to see every other resource
 * (unique ids, quotas, existence, empty-before-delete) live here and only here. It reads no clock
 * and no randomness, so deciding the same command on the same state always gives the same result.
 * It does not change the state; the caller applies {@link Decision#changes()}.
 */
public final class Decider {

  /** AWS's per-resource tag limit. */
  public static final int MAX_TAGS = 50;

  private static final String QUOTA =
      "Too many requests, please try again. Resource limit exceeded: ";

  private final Quotas quotas;

  public Decider(Quotas quotas) {
    this.quotas = quotas;
  }

  public Decision decide(Command command, ResourceState state) {
    if (command instanceof CreateGroup c) {
      return createGroup(c, state);
    } else if (command instanceof UpdateGroup c) {
      return updateGroup(c, state);
    } else if (command instanceof ConfigureLogs c) {
      return configureLogs(c, state);
    } else if (command instanceof DeleteGroup c) {
      return deleteGroup(c, state);
    } else if (command instanceof CreateConfiguration c) {
      return createConfiguration(c, state);
    } else if (command instanceof DeleteConfiguration c) {
      return deleteConfiguration(c, state);
    } else if (command instanceof CreateAsset c) {
      return createAsset(c, state);
    } else if (command instanceof DeleteAsset c) {
      return deleteAsset(c, state);
    } else if (command instanceof TagResource c) {
      return tag(c, state);
    } else if (command instanceof UntagResource c) {
      return untag(c, state);
    } else if (command instanceof FoldNotification c) {
      return fold(c.notification(), state);
    }
    return Decision.reject(ApiError.UnprocessableEntityException, "unknown command");
  }

  private Decision createGroup(CreateGroup c, ResourceState state) {
    PackagingGroup g = c.group();
    if (state.group(g.id()) != null) {
      return unprocessable("$.id packaging group '" + g.id() + "' already exists");
    }
    if (state.groupCount() >= quotas.packagingGroups()) {
      return tooMany("at most " + quotas.packagingGroups() + " packaging groups");
    }
    GroupRecord record = new GroupRecord(g);
    return Decision.accept(record, List.of(ResourceChange.put(record)), List.of());
  }

  private Decision updateGroup(UpdateGroup c, ResourceState state) {
    GroupRecord old = state.group(c.id());
    if (old == null) {
      return groupNotFound(c.id());
    }
    PackagingGroup g = old.group();
    GroupRecord record =
        new GroupRecord(
            new PackagingGroup(
                g.id(),
                g.arn(),
                g.createdAt(),
                g.domainName(),
                c.authorization(),
                g.egressAccessLogs(),
                g.tags()));
    return Decision.accept(record, List.of(ResourceChange.put(record)), List.of());
  }

  private Decision configureLogs(ConfigureLogs c, ResourceState state) {
    GroupRecord old = state.group(c.id());
    if (old == null) {
      return groupNotFound(c.id());
    }
    PackagingGroup g = old.group();
    GroupRecord record =
        new GroupRecord(
            new PackagingGroup(
                g.id(),
                g.arn(),
                g.createdAt(),
                g.domainName(),
                g.authorization(),
                c.egressAccessLogs(),
                g.tags()));
    return Decision.accept(record, List.of(ResourceChange.put(record)), List.of());
  }

  private Decision deleteGroup(DeleteGroup c, ResourceState state) {
    GroupRecord old = state.group(c.id());
    if (old == null) {
      return groupNotFound(c.id());
    }
    int configurations = state.configurationCount(c.id());
    int assets = state.assetCount(c.id());
    if (configurations > 0 || assets > 0) {
      return unprocessable(
          "packaging group '"
              + c.id()
              + "' still has "
              + configurations
              + " packaging configuration(s) and "
              + assets
              + " asset(s); delete them first");
    }
    return Decision.accept(null, List.of(ResourceChange.delete(old.arn())), List.of());
  }

  private Decision createConfiguration(CreateConfiguration c, ResourceState state) {
    PackagingConfiguration config = c.configuration();
    GroupRecord group = state.group(config.packagingGroupId());
    if (group == null) {
      return unknownGroup(config.packagingGroupId());
    }
    if (state.configuration(config.id()) != null) {
      return unprocessable("$.id packaging configuration '" + config.id() + "' already exists");
    }
    if (state.configurationCount(group.group().id()) >= quotas.configurationsPerGroup()) {
      return tooMany(
          "at most "
              + quotas.configurationsPerGroup()
              + " packaging configurations per packaging group");
    }
    ConfigurationRecord record = new ConfigurationRecord(config, c.configHex(), c.manifestHex());
    List<ResourceChange> changes = new ArrayList<>();
    List<LifecycleEvent> events = new ArrayList<>();
    changes.add(ResourceChange.put(record));
    for (AssetRecord a : state.assetsOf(group.group().id())) {
      PackagingTarget target = target(group, record, a.assetHex());
      List<EgressEndpoint> endpoints = new ArrayList<>(a.asset().egressEndpoints());
      endpoints.add(new EgressEndpoint(config.id(), target.url(), EgressEndpoint.QUEUED));
      endpoints.sort(Comparator.comparing(EgressEndpoint::packagingConfigurationId));
      AssetRecord updated = new AssetRecord(withEndpoints(a.asset(), endpoints), a.assetHex());
      changes.add(ResourceChange.put(updated));
      events.add(
          new LifecycleEvent.ConfigurationAdded(
              derivedId(c.eventId(), a.asset().id()), updated.asset(), a.assetHex(), target));
    }
    return Decision.accept(record, changes, events);
  }

  private Decision deleteConfiguration(DeleteConfiguration c, ResourceState state) {
    ConfigurationRecord old = state.configuration(c.id());
    if (old == null) {
      return Decision.reject(
          ApiError.NotFoundException, "packaging configuration '" + c.id() + "' does not exist");
    }
    List<ResourceChange> changes = new ArrayList<>();
    List<LifecycleEvent> events = new ArrayList<>();
    changes.add(ResourceChange.delete(old.arn()));
    for (AssetRecord a : state.assetsOf(old.configuration().packagingGroupId())) {
      List<EgressEndpoint> endpoints = new ArrayList<>();
      for (EgressEndpoint e : a.asset().egressEndpoints()) {
        if (!c.id().equals(e.packagingConfigurationId())) {
          endpoints.add(e);
        }
      }
      changes.add(
          ResourceChange.put(new AssetRecord(withEndpoints(a.asset(), endpoints), a.assetHex())));
      events.add(
          new LifecycleEvent.ConfigurationDeleted(
              derivedId(c.eventId(), a.asset().id()),
              a.asset().id(),
              a.assetHex(),
              c.id(),
              old.configHex(),
              old.manifestHex()));
    }
    return Decision.accept(null, changes, events);
  }

  private Decision createAsset(CreateAsset c, ResourceState state) {
    Asset asset = c.asset();
    GroupRecord group = state.group(asset.packagingGroupId());
    if (group == null) {
      return unknownGroup(asset.packagingGroupId());
    }
    if (state.asset(asset.id()) != null) {
      return unprocessable("$.id asset '" + asset.id() + "' already exists");
    }
    if (state.assetCount(group.group().id()) >= quotas.assetsPerGroup()) {
      return tooMany("at most " + quotas.assetsPerGroup() + " assets per packaging group");
    }
    List<PackagingTarget> targets = new ArrayList<>();
    List<EgressEndpoint> endpoints = new ArrayList<>();
    for (ConfigurationRecord config : state.configurationsOf(group.group().id())) {
      PackagingTarget target = target(group, config, c.assetHex());
      targets.add(target);
      endpoints.add(
          new EgressEndpoint(config.configuration().id(), target.url(), EgressEndpoint.QUEUED));
    }
    AssetRecord record = new AssetRecord(withEndpoints(asset, endpoints), c.assetHex());
    LifecycleEvent event =
        new LifecycleEvent.AssetCreated(c.eventId(), record.asset(), c.assetHex(), targets);
    return Decision.accept(record, List.of(ResourceChange.put(record)), List.of(event));
  }

  private Decision deleteAsset(DeleteAsset c, ResourceState state) {
    AssetRecord old = state.asset(c.id());
    if (old == null) {
      return Decision.reject(ApiError.NotFoundException, "asset '" + c.id() + "' does not exist");
    }
    LifecycleEvent event =
        new LifecycleEvent.AssetDeleted(c.eventId(), c.id(), old.arn(), old.assetHex());
    return Decision.accept(null, List.of(ResourceChange.delete(old.arn())), List.of(event));
  }

  private Decision tag(TagResource c, ResourceState state) {
    ResourceRecord old = state.byArn(c.arn());
    if (old == null) {
      return arnNotFound(c.arn());
    }
    Map<String, String> tags = new LinkedHashMap<>(tagsOf(old));
    tags.putAll(c.tags());
    if (tags.size() > MAX_TAGS) {
      return unprocessable("$.tags a resource can have at most " + MAX_TAGS + " tags");
    }
    return Decision.accept(null, List.of(ResourceChange.put(withTags(old, tags))), List.of());
  }

  private Decision untag(UntagResource c, ResourceState state) {
    ResourceRecord old = state.byArn(c.arn());
    if (old == null) {
      return arnNotFound(c.arn());
    }
    Map<String, String> tags = new LinkedHashMap<>(tagsOf(old));
    c.tagKeys().forEach(tags::remove);
    return Decision.accept(null, List.of(ResourceChange.put(withTags(old, tags))), List.of());
  }

  /** Folds a notification (see {@link StatusFolding}); unknown assets and events are ignored. */
  private Decision fold(Notification n, ResourceState state) {
    if (n == null || n.resources() == null || n.resources().isEmpty()) {
      return Decision.nothing();
    }
    ResourceRecord record = state.byArn(n.resources().get(0));
    if (!(record instanceof AssetRecord a)) {
      return Decision.nothing();
    }
    if (!aboutThisAsset(n, a.assetHex())) {
      return Decision.nothing(); // about an earlier asset that had the same id
    }
    String configId = n.detail() == null ? null : n.detail().packagingConfigurationId();
    List<EgressEndpoint> before = a.asset().egressEndpoints();
    List<EgressEndpoint> after = StatusFolding.fold(before, n.event(), configId);
    if (after.equals(before)) {
      return Decision.nothing();
    }
    AssetRecord updated = new AssetRecord(withEndpoints(a.asset(), after), a.assetHex());
    return Decision.accept(updated, List.of(ResourceChange.put(updated)), List.of());
  }

  /**
   * Notifications name the asset by ARN, which a re-created asset shares with a deleted one; when
   * the notification carries manifest URLs, they must lie under this asset's own hex id.
   */
  private static boolean aboutThisAsset(Notification n, String assetHex) {
    List<String> urls = n.detail() == null ? null : n.detail().manifestUrls();
    if (urls == null || urls.isEmpty()) {
      return true;
    }
    return urls.stream().anyMatch(u -> u.contains(EgressLayout.PATH_PREFIX + assetHex + "/"));
  }

  private static PackagingTarget target(
      GroupRecord group, ConfigurationRecord config, String assetHex) {
    PackagingConfiguration c = config.configuration();
    String url =
        EgressLayout.url(
            group.group().domainName(),
            assetHex,
            config.configHex(),
            config.manifestHex(),
            c.kind(),
            c.firstManifestName());
    return new PackagingTarget(c, config.configHex(), config.manifestHex(), url);
  }

  private static Asset withEndpoints(Asset a, List<EgressEndpoint> endpoints) {
    return new Asset(
        a.id(),
        a.arn(),
        a.createdAt(),
        a.packagingGroupId(),
        a.resourceId(),
        a.sourceArn(),
        a.sourceRoleArn(),
        List.copyOf(endpoints),
        a.tags());
  }

  private static Map<String, String> tagsOf(ResourceRecord r) {
    Map<String, String> tags;
    if (r instanceof GroupRecord g) {
      tags = g.group().tags();
    } else if (r instanceof ConfigurationRecord c) {
      tags = c.configuration().tags();
    } else {
      tags = ((AssetRecord) r).asset().tags();
    }
    return tags == null ? Map.of() : tags;
  }

  private static ResourceRecord withTags(ResourceRecord r, Map<String, String> tags) {
    if (r instanceof GroupRecord g) {
      PackagingGroup p = g.group();
      return new GroupRecord(
          new PackagingGroup(
              p.id(),
              p.arn(),
              p.createdAt(),
              p.domainName(),
              p.authorization(),
              p.egressAccessLogs(),
              tags));
    }
    if (r instanceof ConfigurationRecord c) {
      PackagingConfiguration p = c.configuration();
      return new ConfigurationRecord(
          new PackagingConfiguration(
              p.id(),
              p.arn(),
              p.createdAt(),
              p.packagingGroupId(),
              p.hlsPackage(),
              p.dashPackage(),
              p.cmafPackage(),
              p.mssPackage(),
              tags),
          c.configHex(),
          c.manifestHex());
    }
    AssetRecord a = (AssetRecord) r;
    Asset p = a.asset();
    return new AssetRecord(
        new Asset(
            p.id(),
            p.arn(),
            p.createdAt(),
            p.packagingGroupId(),
            p.resourceId(),
            p.sourceArn(),
            p.sourceRoleArn(),
            p.egressEndpoints(),
            tags),
        a.assetHex());
  }

  /** A per-asset event id derived from the command's event id, so re-deciding reproduces it. */
  static String derivedId(String eventId, String assetId) {
    return UUID.nameUUIDFromBytes((eventId + "/" + assetId).getBytes(StandardCharsets.UTF_8))
        .toString();
  }

  private static Decision unprocessable(String message) {
    return Decision.reject(ApiError.UnprocessableEntityException, message);
  }

  private static Decision tooMany(String what) {
    return Decision.reject(ApiError.TooManyRequestsException, QUOTA + what);
  }

  private static Decision groupNotFound(String id) {
    return Decision.reject(
        ApiError.NotFoundException, "packaging group '" + id + "' does not exist");
  }

  private static Decision unknownGroup(String id) {
    return unprocessable("$.packagingGroupId packaging group '" + id + "' does not exist");
  }

  private static Decision arnNotFound(String arn) {
    return Decision.reject(ApiError.NotFoundException, "no resource with ARN '" + arn + "'");
  }
}
