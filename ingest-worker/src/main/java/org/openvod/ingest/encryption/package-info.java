/**
 * Turns a packaging configuration's {@code encryption} into the engine's {@code EncryptionSpec}:
 * reads the MediaPackage settings ({@link EncryptionSettings}), asks the configuration's SPEKE key
 * server for keys with key ids that depend only on the asset and the configuration ({@link
 * KeyIds}), and maps the answer onto tracks ({@link KeyAssignments}).
 */
package org.openvod.ingest.encryption;
