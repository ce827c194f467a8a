package org.openvod.events.model;

/** SPEKE 2.0 key presets (§3.14). */
public record EncryptionContractConfiguration(
    String presetSpeke20Audio, String presetSpeke20Video) {}
