package org.openvod.controlapi.decide;

import java.util.ArrayList;
import java.util.List;
import org.openvod.events.model.EgressEndpoint;
import org.openvod.events.model.Notification;

/**
 * How an ingest notification changes an asset's egress endpoint statuses. The rules make folding
 * idempotent, so a redelivered notification never moves a status backwards:
 *
 * <ul>
 *   <li>PackagingStarted(config): QUEUED becomes PROCESSING; any other status stays.
 *   <li>VodAssetPlayable(config): any status becomes PLAYABLE (outputs exist now).
 *   <li>PackagingFailed(config): QUEUED or PROCESSING becomes FAILED; PLAYABLE stays.
 *   <li>IngestError: every endpoint of the asset that is not PLAYABLE becomes FAILED.
 *   <li>every other event: no change.
 * </ul>
 */
public final class StatusFolding {

  private StatusFolding() {}

  /** Whether an event can change a status at all (others are not worth forwarding). */
  public static boolean isRelevant(String event) {
    return Notification.PACKAGING_STARTED.equals(event)
        || Notification.VOD_ASSET_PLAYABLE.equals(event)
        || Notification.PACKAGING_FAILED.equals(event)
        || Notification.INGEST_ERROR.equals(event);
  }

  /** The endpoints after the event; the same list (equal) when nothing changes. */
  public static List<EgressEndpoint> fold(
      List<EgressEndpoint> endpoints, String event, String configurationId) {
    List<EgressEndpoint> out = new ArrayList<>(endpoints.size());
    for (EgressEndpoint e : endpoints) {
      out.add(e.withStatus(next(e, event, configurationId)));
    }
    return out;
  }

  static String next(EgressEndpoint endpoint, String event, String configurationId) {
    String status = endpoint.status();
    if (Notification.INGEST_ERROR.equals(event)) {
      return EgressEndpoint.PLAYABLE.equals(status) ? status : EgressEndpoint.FAILED;
    }
    if (configurationId == null || !configurationId.equals(endpoint.packagingConfigurationId())) {
      return status;
    }
    if (Notification.PACKAGING_STARTED.equals(event)) {
      return EgressEndpoint.QUEUED.equals(status) ? EgressEndpoint.PROCESSING : status;
    }
    if (Notification.VOD_ASSET_PLAYABLE.equals(event)) {
      return EgressEndpoint.PLAYABLE;
    }
    if (Notification.PACKAGING_FAILED.equals(event)) {
      return EgressEndpoint.QUEUED.equals(status) || EgressEndpoint.PROCESSING.equals(status)
          ? EgressEndpoint.FAILED
          : status;
    }
    return status;
  }
}
