package org.openvod.ingest.speke;

import java.util.UUID;

/** DRM system ids (DASH-IF registry) the packager knows how to signal. */
public final class DrmSystems {

  public static final UUID WIDEVINE = UUID.fromString("edef8ba9-79d6-4ace-a3c8-27dcd51d21ed");
  public static final UUID PLAYREADY = UUID.fromString("9a04f079-9840-4286-ab92-e65be0885f95");
  public static final UUID FAIRPLAY = UUID.fromString("94ce86fb-07ff-4f43-adb8-93d2fa968ca2");

  /** The pseudo system SPEKE uses for HLS AES-128 (clear key served over HTTPS). */
  public static final UUID HLS_AES_128 = UUID.fromString("81376844-f976-481e-a84e-cc25d39b0b33");

  /** W3C Clear Key. */
  public static final UUID CLEAR_KEY = UUID.fromString("e2719d58-a985-b3c9-781a-b030af78d30e");

  private DrmSystems() {}
}
