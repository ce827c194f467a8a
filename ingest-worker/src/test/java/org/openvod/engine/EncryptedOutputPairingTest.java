package org.openvod.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openvod.engine.encrypt.EncryptionHandler;
import org.openvod.engine.encrypt.EncryptionMode;
import org.openvod.engine.encrypt.EncryptionSpec;
import org.openvod.engine.encrypt.KeyAssignment;
import org.openvod.engine.encrypt.TestKeys;
import org.openvod.engine.media.PackagingException;
import org.openvod.engine.output.OutputFormat;
import org.openvod.engine.output.OutputSpec;

/**
 * Which encryption mode each fMP4 format takes: CMAF cbcs, DASH and MSS cenc, each behind the
 * encryptor stage; any other pairing is refused as a configuration error naming the mode.
 */
class EncryptedOutputPairingTest {

  static OutputSpec spec(OutputFormat format, EncryptionMode mode) {
    return OutputSpec.of("cfg", format, 2, (path, data, type) -> {})
        .withAudioRenditionGroup(true)
        .withEncryption(
            new EncryptionSpec(
                mode, KeyAssignment.single(TestKeys.withSignals(TestKeys.HD)), null));
  }

  @Test
  void eachFmp4FormatGetsTheEncryptorStageForItsMode() throws Exception {
    for (Object[] ok :
        new Object[][] {
          {OutputFormat.CMAF, EncryptionMode.CBCS},
          {OutputFormat.DASH, EncryptionMode.CENC},
          {OutputFormat.MSS, EncryptionMode.CENC}
        }) {
      assertInstanceOf(
          EncryptionHandler.class,
          OutputHandlers.create(spec((OutputFormat) ok[0], (EncryptionMode) ok[1]), Instant.EPOCH));
    }
  }

  @Test
  void otherPairingsAreConfigurationErrorsNamingTheMode() {
    for (OutputFormat format : List.of(OutputFormat.CMAF, OutputFormat.DASH, OutputFormat.MSS)) {
      for (EncryptionMode mode : EncryptionMode.values()) {
        boolean allowed =
            format == OutputFormat.CMAF ? mode == EncryptionMode.CBCS : mode == EncryptionMode.CENC;
        if (allowed) {
          continue;
        }
        PackagingException e =
            assertThrows(
                PackagingException.class,
                () -> OutputHandlers.create(spec(format, mode), Instant.EPOCH),
                format + " + " + mode);
        assertEquals(PackagingException.Reason.INVALID_CONFIGURATION, e.reason());
        assertTrue(e.getMessage().contains(mode.name()), e.getMessage());
        assertTrue(e.getMessage().contains(format.name()), e.getMessage());
      }
    }
  }
}
