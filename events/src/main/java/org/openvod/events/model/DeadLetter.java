package org.openvod.events.model;

/** A record an ingest worker could not process, with why. */
public record DeadLetter(
    String topic,
    int partition,
    long offset,
    String key,
    String value,
    String cause,
    String time) {}
