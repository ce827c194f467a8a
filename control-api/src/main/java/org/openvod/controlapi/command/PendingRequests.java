package org.openvod.controlapi.command;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.openvod.controlapi.command.LogEntry.Outcome;

/** The writes this instance submitted and still waits for, by request id. */
public final class PendingRequests {

  private final Map<String, CompletableFuture<Outcome>> pending = new ConcurrentHashMap<>();

  public CompletableFuture<Outcome> register(String requestId) {
    CompletableFuture<Outcome> f = new CompletableFuture<>();
    pending.put(requestId, f);
    return f;
  }

  public void complete(Outcome outcome) {
    CompletableFuture<Outcome> f = pending.remove(outcome.requestId());
    if (f != null) {
      f.complete(outcome);
    }
  }

  public void forget(String requestId) {
    pending.remove(requestId);
  }

  public int size() {
    return pending.size();
  }
}
