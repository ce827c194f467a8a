package org.openvod.controlapi.api;

import java.util.List;
import java.util.Map;
import org.openvod.controlapi.command.CommandBus;
import org.openvod.controlapi.command.LogEntry.Outcome;
import org.openvod.controlapi.state.ResourceState;
import org.openvod.controlapi.state.ResourceView;
import org.openvod.controlapi.validation.Fields;
import org.openvod.controlapi.validation.RequestParser;
import org.openvod.controlapi.validation.Rules;
import org.openvod.events.model.PackagingConfiguration;
import org.openvod.events.model.ResourceRecord;
import org.openvod.events.model.ResourceRecord.AssetRecord;
import org.openvod.events.model.ResourceRecord.ConfigurationRecord;
import org.openvod.events.model.ResourceRecord.GroupRecord;
import reactor.core.publisher.Mono;

/**
 * The 17 operations. Reads answer from this instance's view; writes go through the command bus and
 * answer with the decided result.
 */
public final class Operations {

  private final ResourceView view;
  private final CommandBus bus;
  private final RequestParser parser;
  private final int defaultPageSize;

  public Operations(ResourceView view, CommandBus bus, RequestParser parser, int defaultPageSize) {
    this.view = view;
    this.bus = bus;
    this.parser = parser;
    this.defaultPageSize = defaultPageSize;
  }

  private ResourceState state() {
    return view.state();
  }

  // ---- packaging groups

  public Mono<ApiResponse> createGroup(Fields body) {
    return bus.submit(parser.createGroup(body)).map(o -> ApiResponse.ok(group(o, false)));
  }

  public Mono<ApiResponse> describeGroup(String id) {
    GroupRecord g = state().group(Rules.pathId(id));
    if (g == null) {
      throw ApiException.notFound("packaging group '" + id + "' does not exist");
    }
    return Mono.just(ApiResponse.ok(withCount(g)));
  }

  public Mono<ApiResponse> listGroups(ApiRequest request) {
    int size = Pagination.pageSize(request, defaultPageSize);
    var page =
        Pagination.page(
            state().groupsAfter(Pagination.after(request), size + 1), size, g -> g.group().id());
    return Mono.just(
        ApiResponse.ok(
            new Shapes.GroupList(
                page.items().stream().map(this::withCount).toList(), page.nextToken())));
  }

  public Mono<ApiResponse> updateGroup(String id, Fields body) {
    return bus.submit(parser.updateGroup(id, body)).map(o -> ApiResponse.ok(group(o, true)));
  }

  public Mono<ApiResponse> configureLogs(String id, Fields body) {
    return bus.submit(parser.configureLogs(id, body)).map(o -> ApiResponse.ok(group(o, false)));
  }

  public Mono<ApiResponse> deleteGroup(String id) {
    return bus.submit(parser.deleteGroup(id)).map(o -> ApiResponse.accepted());
  }

  private Shapes.Group withCount(GroupRecord g) {
    return Shapes.Group.of(g.group(), state().assetCount(g.group().id()));
  }

  private Shapes.Group group(Outcome o, boolean withCount) {
    GroupRecord g = (GroupRecord) o.result();
    return withCount ? withCount(g) : Shapes.Group.of(g.group(), null);
  }

  // ---- packaging configurations

  public Mono<ApiResponse> createConfiguration(Fields body) {
    return bus.submit(parser.createConfiguration(body))
        .map(o -> ApiResponse.ok(((ConfigurationRecord) o.result()).configuration()));
  }

  public Mono<ApiResponse> describeConfiguration(String id) {
    ConfigurationRecord c = state().configuration(Rules.pathId(id));
    if (c == null) {
      throw ApiException.notFound("packaging configuration '" + id + "' does not exist");
    }
    return Mono.just(ApiResponse.ok(c.configuration()));
  }

  public Mono<ApiResponse> listConfigurations(ApiRequest request) {
    int size = Pagination.pageSize(request, defaultPageSize);
    String groupId = groupFilter(request);
    List<PackagingConfiguration> fetched =
        state().configurationsAfter(groupId, Pagination.after(request), size + 1).stream()
            .map(ConfigurationRecord::configuration)
            .toList();
    var page = Pagination.page(fetched, size, PackagingConfiguration::id);
    return Mono.just(ApiResponse.ok(new Shapes.ConfigurationList(page.items(), page.nextToken())));
  }

  public Mono<ApiResponse> deleteConfiguration(String id) {
    return bus.submit(parser.deleteConfiguration(id)).map(o -> ApiResponse.accepted());
  }

  // ---- assets

  public Mono<ApiResponse> createAsset(Fields body) {
    return bus.submit(parser.createAsset(body))
        .map(o -> ApiResponse.ok(((AssetRecord) o.result()).asset()));
  }

  public Mono<ApiResponse> describeAsset(String id) {
    AssetRecord a = state().asset(Rules.pathId(id));
    if (a == null) {
      throw ApiException.notFound("asset '" + id + "' does not exist");
    }
    return Mono.just(ApiResponse.ok(a.asset()));
  }

  public Mono<ApiResponse> listAssets(ApiRequest request) {
    int size = Pagination.pageSize(request, defaultPageSize);
    String groupId = groupFilter(request);
    List<Shapes.AssetShallow> fetched =
        state().assetsAfter(groupId, Pagination.after(request), size + 1).stream()
            .map(a -> Shapes.AssetShallow.of(a.asset()))
            .toList();
    var page = Pagination.page(fetched, size, Shapes.AssetShallow::id);
    return Mono.just(ApiResponse.ok(new Shapes.AssetList(page.items(), page.nextToken())));
  }

  public Mono<ApiResponse> deleteAsset(String id) {
    return bus.submit(parser.deleteAsset(id)).map(o -> ApiResponse.accepted());
  }

  private static String groupFilter(ApiRequest request) {
    String groupId = request.param("packagingGroupId");
    if (groupId != null && !Rules.ID.matcher(groupId).matches()) {
      throw ApiException.invalid("packagingGroupId", Rules.ID_RULE);
    }
    return groupId;
  }

  // ---- tags

  public Mono<ApiResponse> tagResource(String arn, Fields body) {
    return bus.submit(parser.tagResource(arn, body)).map(o -> ApiResponse.noContent());
  }

  public Mono<ApiResponse> untagResource(String arn, ApiRequest request) {
    return bus.submit(parser.untagResource(arn, request.params("tagKeys")))
        .map(o -> ApiResponse.noContent());
  }

  public Mono<ApiResponse> listTags(String arn) {
    ResourceRecord r = state().byArn(arn);
    if (r == null) {
      throw ApiException.notFound("no resource with ARN '" + arn + "'");
    }
    Map<String, String> tags;
    if (r instanceof GroupRecord g) {
      tags = g.group().tags();
    } else if (r instanceof ConfigurationRecord c) {
      tags = c.configuration().tags();
    } else {
      tags = ((AssetRecord) r).asset().tags();
    }
    return Mono.just(ApiResponse.ok(new Shapes.Tags(tags == null ? Map.of() : tags)));
  }
}
