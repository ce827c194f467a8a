package org.openvod.deploy.keys;

/** A request the key server refuses; {@link #status()} is the HTTP status to answer with. */
final class KeyServerException extends Exception {

  private final int status;

  KeyServerException(int status, String message) {
    super(message);
    this.status = status;
  }

  int status() {
    return status;
  }
}
