package org.openvod.deploy;

/**
 * A problem the user can fix (busy port, platform already running, a child that died): its message
 * is printed as is, without a stack trace.
 */
public class LaunchException extends RuntimeException {

  public LaunchException(String message) {
    super(message);
  }

  public LaunchException(String message, Throwable cause) {
    super(message, cause);
  }
}
