package org.openvod.deploy;

/** A stand-in child for tests: does nothing for a minute. */
public final class Sleeper {

  private Sleeper() {}

  public static void main(String[] args) throws InterruptedException {
    Thread.sleep(60_000);
  }
}
