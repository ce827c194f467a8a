package org.openvod.controlapi.state;

import org.openvod.events.model.ResourceRecord;

/**
 * One write to the resources topic.
 *
 * @param arn the key
 * @param record the new value, or null for a tombstone (the resource was deleted)
 */
public record ResourceChange(String arn, ResourceRecord record) {

  public static ResourceChange put(ResourceRecord record) {
    return new ResourceChange(record.arn(), record);
  }

  public static ResourceChange delete(String arn) {
    return new ResourceChange(arn, null);
  }
}
