package org.openvod.controlapi.state;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;

/**
 * This instance's read model: the resources topic materialised into a {@link ResourceState}, plus
 * how far into the topic it has read, so a write can wait until its own changes are visible here
 * before it answers (read-your-writes on the instance that took the request).
 */
public final class ResourceView {

  private final ResourceState state = new ResourceState();
  private final TreeMap<Long, List<CompletableFuture<Void>>> waiters = new TreeMap<>();
  private long position;

  public ResourceState state() {
    return state;
  }

  public synchronized long position() {
    return position;
  }

  /** Completes once the view has read the resources topic up to (excluding) {@code offset}. */
  public synchronized CompletableFuture<Void> awaitPosition(long offset) {
    if (offset <= position) {
      return CompletableFuture.completedFuture(null);
    }
    CompletableFuture<Void> f = new CompletableFuture<>();
    waiters.computeIfAbsent(offset, k -> new ArrayList<>()).add(f);
    return f;
  }

  /** Called by the single updater thread after applying records up to {@code newPosition}. */
  public void advanceTo(long newPosition) {
    List<CompletableFuture<Void>> ready = new ArrayList<>();
    synchronized (this) {
      if (newPosition <= position) {
        return;
      }
      position = newPosition;
      Map<Long, List<CompletableFuture<Void>>> due = waiters.headMap(newPosition, true);
      due.values().forEach(ready::addAll);
      due.clear();
    }
    ready.forEach(f -> f.complete(null));
  }
}
