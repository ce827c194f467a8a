package org.openvod.deploy;

import java.util.function.ToIntFunction;

/** The three services of the platform, in the order they start. */
public enum Service {
  CONTROL_API(
      "control-api",
      "org.openvod.controlapi.ControlApiApplication",
      "VOD_API_PORT",
      Settings::apiPort),
  MANIFEST_SERVER(
      "manifest-server",
      "org.openvod.origin.ManifestServerApplication",
      "VOD_ORIGIN_PORT",
      Settings::originPort),
  INGEST_WORKER(
      "ingest-worker",
      "org.openvod.ingest.IngestWorkerApplication",
      "VOD_WORKER_PORT",
      Settings::workerPort);

  private final String module;
  private final String mainClass;
  private final String portVariable;
  private final ToIntFunction<Settings> port;

  Service(String module, String mainClass, String portVariable, ToIntFunction<Settings> port) {
    this.module = module;
    this.mainClass = mainClass;
    this.portVariable = portVariable;
    this.port = port;
  }

  /** The Maven module, which is also the process name and the log file's name. */
  public String module() {
    return module;
  }

  public String mainClass() {
    return mainClass;
  }

  public String portVariable() {
    return portVariable;
  }

  public int port(Settings settings) {
    return port.applyAsInt(settings);
  }
}
