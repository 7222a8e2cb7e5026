package org.trainkit.benchmarks.loop;

import ai.djl.pytorch.jni.JniUtils;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * libtorch's own (legacy autograd) profiler, as DJL exposes it: {@link JniUtils#startProfile}
 * records every operator the calling thread dispatches — through DJL's JNI or from the autograd
 * engine during backward — and {@link JniUtils#stopProfile} writes them as a Chrome trace. The
 * same profiler counts PyTorch's ops in the Python contender, so the counts compare.
 */
public final class LibtorchProfile {

  private LibtorchProfile() {}

  /** Starts recording on this thread. */
  public static void start() {
    JniUtils.startProfile(false, false, false);
  }

  /** Stops recording and writes the trace. */
  public static void stop(Path trace) {
    JniUtils.stopProfile(trace.toAbsolutePath().toString());
  }

  /** Counts the aten ops in {@code trace} (one of {@link #stop}'s) and divides by {@code steps}. */
  public static AtenOps count(Path trace, int steps) throws IOException {
    JsonNode events = new ObjectMapper().readTree(trace.toFile());
    Map<Long, List<Event>> byThread = new HashMap<>();
    for (JsonNode e : events) {
      byThread.computeIfAbsent(e.get("tid").asLong(), t -> new ArrayList<>())
          .add(new Event(e.get("name").asText(), e.get("ts").asDouble(), e.get("dur").asDouble()));
    }
    long all = 0;
    Map<String, Double> top = new HashMap<>();
    for (List<Event> thread : byThread.values()) {
      // outer events first: by start, the longer first at the same start
      thread.sort(Comparator.comparingDouble(Event::start).thenComparing(Comparator.comparingDouble(Event::duration).reversed()));
      Deque<Event> open = new ArrayDeque<>();
      for (Event e : thread) {
        while (!open.isEmpty() && open.peek().end() < e.end()) {
          open.pop();
        }
        if (e.isAten()) {
          all++;
          if (open.stream().noneMatch(Event::isAten)) {
            top.merge(e.name(), 1.0 / steps, Double::sum);
          }
        }
        open.push(e);
      }
    }
    double topLevel = top.values().stream().mapToDouble(Double::doubleValue).sum();
    return new AtenOps((double) all / steps, topLevel, top);
  }

  private record Event(String name, double start, double duration) {
    double end() {
      return start + duration;
    }

    boolean isAten() {
      return name.startsWith("aten::");
    }
  }
}
