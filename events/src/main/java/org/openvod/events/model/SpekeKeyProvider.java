package org.openvod.events.model;

import java.util.List;

/** Key server settings (§3.13). */
public record SpekeKeyProvider(
    EncryptionContractConfiguration encryptionContractConfiguration,
    String roleArn,
    List<String> systemIds,
    String url) {}
