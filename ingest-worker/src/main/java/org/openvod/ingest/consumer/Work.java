package org.openvod.ingest.consumer;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.openvod.events.Json;
import org.openvod.events.model.LifecycleEvent;
import org.openvod.ingest.job.LifecycleHandler;

/**
 * One fetched lifecycle record, parsed once when fetched so the consumer can look ahead (a delete
 * behind a running job stops it).
 *
 * @param event the parsed event, null when {@code problem} is set
 * @param problem why the record cannot be processed at all (it goes to the dead-letter topic)
 */
record Work(ConsumerRecord<String, String> record, LifecycleEvent event, String problem) {

  static Work of(ConsumerRecord<String, String> record) {
    if (record.value() == null) {
      return new Work(record, null, "empty record value");
    }
    LifecycleEvent event;
    try {
      event = Json.read(record.value(), LifecycleEvent.class);
    } catch (RuntimeException e) {
      return new Work(record, null, "unparseable LifecycleEvent JSON: " + e.getMessage());
    }
    String problem = LifecycleHandler.problem(event);
    return problem == null ? new Work(record, event, null) : new Work(record, null, problem);
  }

  long offset() {
    return record.offset();
  }

  boolean packages() {
    return event instanceof LifecycleEvent.AssetCreated
        || event instanceof LifecycleEvent.ConfigurationAdded;
  }

  /** True when this record deletes the asset {@code assetId}. */
  boolean deletesAsset(String assetId) {
    return event instanceof LifecycleEvent.AssetDeleted && assetId.equals(event.assetId());
  }

  /** The configuration this record deletes from {@code assetId}, or null. */
  String deletedConfiguration(String assetId) {
    return event instanceof LifecycleEvent.ConfigurationDeleted d && assetId.equals(d.assetId())
        ? d.packagingConfigurationId()
        : null;
  }
}
