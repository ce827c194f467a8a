package org.openvod.ingest.speke;

/** The SPEKE API version: sent as the X-Speke-Version header; picks the CPIX profile. */
public enum SpekeVersion {
  /** CPIX 2.0; one key for every track (MediaPackage: no encryptionContractConfiguration). */
  V1("1.0"),
  /** CPIX 2.3 with an encryption contract (MediaPackage: encryptionContractConfiguration set). */
  V2("2.0");

  private final String header;

  SpekeVersion(String header) {
    this.header = header;
  }

  public String header() {
    return header;
  }
}
