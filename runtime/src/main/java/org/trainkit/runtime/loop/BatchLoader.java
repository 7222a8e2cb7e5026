package org.trainkit.runtime.loop;

import org.trainkit.runtime.data.Dataset;
import org.trainkit.runtime.data.VisitOrder;

import ai.djl.ndarray.NDManager;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import org.trainkit.runtime.Batch;
import org.trainkit.runtime.TrainableComponent;

/**
 * Turns raw items into batches, in a fixed order, optionally ahead of the training step:
 * preprocess and collate run on the loader's worker threads, at most {@code prefetch} batches
 * ahead, and batches come out in order whatever thread finished first — so a run is the same
 * with 0 or 4 workers.
 *
 * <p>Each batch owns a sub-manager of {@code parent}; the consumer closes the batch after use.
 * Closing the loader discards the batches prepared but not taken: one not yet started is never
 * prepared, one being prepared is waited for and closed, so none outlives the loader.
 */
public final class BatchLoader<R, E, B> implements Iterator<Batch<B>>, AutoCloseable {

  private final TrainableComponent<R, E, B> component;
  private final Dataset<R> items;
  private final VisitOrder order;
  private final int from;
  private final int batchSize;
  private final NDManager parent;
  private final ExecutorService executor;
  private final int prefetch;
  private final ArrayDeque<Prefetch<B>> pending = new ArrayDeque<>();
  private int nextToSubmit;
  private final int batchCount;

  /**
   * @param order the dataset positions to visit, in order (a shuffled or identity permutation)
   * @param from the first position of {@code order} to visit (past 0 when resuming mid-epoch)
   * @param executor the worker threads, or null to prepare each batch when it is asked for
   */
  public BatchLoader(
      TrainableComponent<R, E, B> component,
      Dataset<R> items,
      VisitOrder order,
      int from,
      int batchSize,
      NDManager parent,
      ExecutorService executor,
      int prefetch) {
    this.component = component;
    this.items = items;
    this.order = order;
    this.from = from;
    this.batchSize = batchSize;
    this.parent = parent;
    this.executor = executor;
    this.prefetch = Math.max(1, prefetch);
    this.batchCount = batchCount(order.size() - from, batchSize);
  }

  /** Number of batches {@code n} examples make at {@code batchSize}; the last may be smaller. */
  public static int batchCount(int n, int batchSize) {
    return (n + batchSize - 1) / batchSize;
  }

  @Override
  public boolean hasNext() {
    return !pending.isEmpty() || nextToSubmit < batchCount;
  }

  @Override
  public Batch<B> next() {
    if (!hasNext()) {
      throw new NoSuchElementException();
    }
    if (executor == null) {
      return prepare(nextToSubmit++);
    }
    fill();
    Prefetch<B> head = pending.poll();
    fill();
    try {
      return head.future.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CancellationException("interrupted while waiting for a batch");
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof RuntimeException) {
        throw (RuntimeException) cause;
      }
      if (cause instanceof Error) {
        throw (Error) cause;
      }
      throw new IllegalStateException(cause);
    }
  }

  private void fill() {
    while (pending.size() < prefetch && nextToSubmit < batchCount) {
      int batch = nextToSubmit++;
      Prefetch<B> prefetched = new Prefetch<>();
      prefetched.future = CompletableFuture.supplyAsync(
          () -> prefetched.claim() ? prepare(batch) : null, executor);
      pending.add(prefetched);
    }
  }

  private Batch<B> prepare(int batch) {
    int first = from + batch * batchSize;
    int end = Math.min(order.size(), first + batchSize);
    int[] indices = new int[end - first];
    List<E> examples = new ArrayList<>(indices.length);
    for (int i = first; i < end; i++) {
      int item = order.at(i);
      indices[i - first] = item;
      examples.add(component.preprocess(items.get(item)));
    }
    NDManager manager = parent.newSubManager();
    try {
      return new Batch<>(component.collate(examples, manager), indices, manager);
    } catch (RuntimeException | Error e) {
      manager.close();
      throw e;
    }
  }

  @Override
  public void close() {
    // call off every task not yet started before waiting for any, so a worker freed by one
    // finishing does not start the next
    List<Prefetch<B>> started = new ArrayList<>();
    for (Prefetch<B> prefetched : pending) {
      if (!prefetched.claim()) { // its task claimed it first: it has started
        started.add(prefetched);
      }
    }
    pending.clear();
    // CompletableFuture.cancel would not stop a started task, and its batch would be lost with
    // its native memory: wait for each and close what it made
    for (Prefetch<B> prefetched : started) {
      try {
        Batch<B> batch = prefetched.future.get();
        if (batch != null) {
          batch.close();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } catch (ExecutionException | CancellationException e) {
        // a batch that failed to load has nothing to close
      }
    }
  }

  /**
   * A batch asked of a worker. Its task and {@link #close} both try to claim it; whichever comes
   * first decides: the task prepares the batch, or close calls it off before it starts.
   */
  private static final class Prefetch<B> {
    private final AtomicBoolean claimed = new AtomicBoolean();
    Future<Batch<B>> future;

    /** True for the first caller only: the task (then it prepares) or close (then it never will). */
    boolean claim() {
      return claimed.compareAndSet(false, true);
    }
  }
}
