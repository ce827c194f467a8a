package org.openvod.origin.auth;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Where CDN identifier secrets come from, standing in for Secrets Manager: a JSON object mapping a
 * secret ARN to {@code {"MediaPackageCDNIdentifier": "..."}}, read from a file (re-read every
 * refresh interval, so a rotation needs no restart) and/or given inline (the environment variable
 * {@code OPENVOD_SECRETS_JSON}). File entries win over inline ones. When a secret's value changes,
 * the value before it stays accepted as the previous version.
 */
public final class SecretStore implements AutoCloseable {

  public static final String VALUE_KEY = "MediaPackageCDNIdentifier";

  private static final Logger LOG = LoggerFactory.getLogger(SecretStore.class);
  private static final JsonMapper MAPPER = JsonMapper.builder().build();

  private final Path file;
  private final String inlineJson;
  private final ScheduledExecutorService poller;
  private volatile Map<String, CdnSecret> secrets = Map.of();
  private String lastProblem;

  /**
   * @param file the secrets file, or null for none
   * @param inlineJson secrets given inline, or null/blank for none
   * @param refreshMillis how often to re-read the file; 0 or less: only when {@link #refresh()}
   */
  public SecretStore(Path file, String inlineJson, long refreshMillis) {
    this.file = file;
    this.inlineJson = inlineJson == null || inlineJson.isBlank() ? null : inlineJson;
    refresh();
    if (refreshMillis > 0 && file != null) {
      poller =
          Executors.newSingleThreadScheduledExecutor(
              r -> {
                Thread t = new Thread(r, "cdn-secret-refresh");
                t.setDaemon(true);
                return t;
              });
      poller.scheduleWithFixedDelay(
          this::refresh, refreshMillis, refreshMillis, TimeUnit.MILLISECONDS);
    } else {
      poller = null;
    }
  }

  /** The secret of an ARN, or null when the store has no such secret. */
  public CdnSecret lookup(String secretArn) {
    return secretArn == null ? null : secrets.get(secretArn);
  }

  /** Re-reads the sources and rotates every secret whose value changed. */
  public synchronized void refresh() {
    Map<String, String> values = new HashMap<>();
    if (inlineJson != null) {
      values.putAll(parse(inlineJson, "OPENVOD_SECRETS_JSON"));
    }
    if (file != null) {
      try {
        values.putAll(parse(Files.readString(file), file.toString()));
      } catch (NoSuchFileException e) {
        // no secrets file yet: groups with authorization stay closed (403)
      } catch (IOException | RuntimeException e) {
        warnOnce("cannot read secrets file " + file + ": " + e.getMessage());
        return; // keep what we had rather than lock every CDN out on a half-written file
      }
    }
    Map<String, CdnSecret> next = new HashMap<>();
    Map<String, CdnSecret> current = secrets;
    for (Map.Entry<String, String> e : values.entrySet()) {
      CdnSecret before = current.get(e.getKey());
      next.put(
          e.getKey(),
          before == null ? new CdnSecret(e.getValue(), null) : before.rotatedTo(e.getValue()));
    }
    secrets = Map.copyOf(next);
    lastProblem = null;
  }

  private static Map<String, String> parse(String json, String source) {
    JsonNode root = MAPPER.readTree(json);
    if (root == null || !root.isObject()) {
      throw new IllegalArgumentException(source + " must hold a JSON object keyed by secret ARN");
    }
    Map<String, String> values = new HashMap<>();
    Iterator<Map.Entry<String, JsonNode>> fields = root.properties().iterator();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> field = fields.next();
      JsonNode value = field.getValue();
      JsonNode id = value.isObject() ? value.get(VALUE_KEY) : value;
      if (id == null || !id.isString() || id.asString().isEmpty()) {
        LOG.warn("{}: secret {} has no string {}; ignored", source, field.getKey(), VALUE_KEY);
        continue;
      }
      values.put(field.getKey(), id.asString());
    }
    return values;
  }

  private void warnOnce(String problem) {
    if (!problem.equals(lastProblem)) {
      LOG.warn(problem);
      lastProblem = problem;
    }
  }

  @Override
  public void close() {
    if (poller != null) {
      poller.shutdownNow();
    }
  }
}
