package org.openvod.deploy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;

/** Port checks done before anything starts, so a clash is named with the variable that moves it. */
public final class Ports {

  private Ports() {}

  /** Throws naming {@code variable} when something already listens on or holds the port. */
  public static void requireFree(int port, String variable, String what) {
    if (!isFree(port)) {
      throw new LaunchException(
          "port "
              + port
              + " (for "
              + what
              + ") is already in use by another program; stop it or set "
              + variable
              + " to another port");
    }
  }

  public static boolean isFree(int port) {
    if (accepts(port)) {
      return false;
    }
    try (ServerSocket socket = new ServerSocket()) {
      // as the servers themselves bind: connections of a stopped server lingering in TIME_WAIT
      // must not count as "in use", a listening socket still does
      socket.setReuseAddress(true);
      socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  /** True when something accepts TCP connections on 127.0.0.1:port. */
  public static boolean accepts(int port) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 300);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  /** A port the OS says is free right now. */
  public static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new LaunchException("no free TCP port: " + e.getMessage(), e);
    }
  }
}
