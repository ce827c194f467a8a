package org.openvod.controlapi.decide;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openvod.controlapi.VodProperties.Quotas;
import org.openvod.controlapi.api.ApiError;
import org.openvod.controlapi.command.Command;
import org.openvod.controlapi.state.Arns;
import org.openvod.controlapi.state.ResourceState;
import org.openvod.events.model.Asset;
import org.openvod.events.model.HlsManifest;
import org.openvod.events.model.HlsPackage;
import org.openvod.events.model.LifecycleEvent;
import org.openvod.events.model.PackagingConfiguration;
import org.openvod.events.model.PackagingGroup;

/** The decider as a pure function of (command, state). */
class DeciderTest {

  private final Arns arns = new Arns("us-east-1", "000000000000");
  private final Decider decider = new Decider(new Quotas(2, 2, 2));

  private ResourceState stateWithGroupConfigAndAssets(String... assetIds) {
    ResourceState state = new ResourceState();
    apply(state, new Command.CreateGroup(group("g")));
    apply(state, new Command.CreateConfiguration(config("c1", "g"), hex('1'), hex('2'), "e-c1"));
    for (String id : assetIds) {
      apply(state, new Command.CreateAsset(asset(id, "g"), hex(id.charAt(0)), "e-" + id));
    }
    return state;
  }

  private void apply(ResourceState state, Command command) {
    Decision d = decider.decide(command, state);
    assertThat(d.error()).as(d.message()).isNull();
    d.changes().forEach(state::apply);
  }

  private static String hex(char c) {
    return String.valueOf(c).repeat(32);
  }

  private PackagingGroup group(String id) {
    return new PackagingGroup(id, arns.group(id), "t", "http://o", null, null, Map.of());
  }

  private PackagingConfiguration config(String id, String group) {
    return new PackagingConfiguration(
        id,
        arns.configuration(id),
        "t",
        group,
        new HlsPackage(
            null, List.of(new HlsManifest(null, null, "m", null, null, null)), null, 6, null),
        null,
        null,
        null,
        Map.of());
  }

  private Asset asset(String id, String group) {
    return new Asset(
        id, arns.asset(id), "t", group, null, "arn:aws:s3:::b/k.m3u8", "r", List.of(), Map.of());
  }

  @Test
  void decidingTheSameCommandOnTheSameStateGivesTheSameResult() {
    Command add = new Command.CreateConfiguration(config("c2", "g"), hex('3'), hex('4'), "e-c2");
    Decision first = decider.decide(add, stateWithGroupConfigAndAssets("a", "b"));
    Decision again = decider.decide(add, stateWithGroupConfigAndAssets("a", "b"));
    assertThat(again).isEqualTo(first);
    // one ConfigurationAdded per asset, with distinct, reproducible ids
    assertThat(first.events())
        .extracting(LifecycleEvent::eventId)
        .doesNotHaveDuplicates()
        .hasSize(2)
        .doesNotContain("e-c2");
    var added = (LifecycleEvent.ConfigurationAdded) first.events().get(0);
    assertThat(added.target().url())
        .isEqualTo("http://o/out/v1/" + hex('a') + "/" + hex('3') + "/" + hex('4') + "/m.m3u8");
    assertThat(added.asset().egressEndpoints())
        .extracting(e -> e.packagingConfigurationId() + ":" + e.status())
        .containsExactly("c1:QUEUED", "c2:QUEUED");
  }

  @Test
  void quotasAndPreconditions() {
    ResourceState state = stateWithGroupConfigAndAssets("a", "b");
    Decision third = decider.decide(new Command.CreateAsset(asset("c", "g"), hex('c'), "e"), state);
    assertThat(third.error()).isEqualTo(ApiError.TooManyRequestsException);
    assertThat(decider.decide(new Command.DeleteGroup("g"), state).message())
        .contains("still has 1 packaging configuration(s) and 2 asset(s)");
    Decision unknown =
        decider.decide(new Command.CreateAsset(asset("x", "nope"), hex('x'), "e"), state);
    assertThat(unknown.error()).isEqualTo(ApiError.UnprocessableEntityException);
    assertThat(unknown.changes()).isEmpty();
    apply(state, new Command.CreateGroup(group("g2")));
    assertThat(decider.decide(new Command.CreateGroup(group("g3")), state).error())
        .isEqualTo(ApiError.TooManyRequestsException);
  }

  @Test
  void deletingAConfigurationRemovesItsEndpointFromEveryAsset() {
    ResourceState state = stateWithGroupConfigAndAssets("a", "b");
    Decision d = decider.decide(new Command.DeleteConfiguration("c1", "e-del"), state);
    d.changes().forEach(state::apply);
    assertThat(state.asset("a").asset().egressEndpoints()).isEmpty();
    assertThat(state.configuration("c1")).isNull();
    assertThat(d.events())
        .allSatisfy(e -> assertThat(e).isInstanceOf(LifecycleEvent.ConfigurationDeleted.class))
        .extracting(LifecycleEvent::assetId)
        .containsExactly("a", "b");
  }
}
