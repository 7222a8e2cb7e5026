package org.trainkit.examples.data;

import java.nio.file.Path;
import java.util.Iterator;
import java.util.stream.Stream;

/**
 * Reads a CoNLL file to the end and prints {@code sentences=N tokens=M}: the main class that
 * {@link ConllStreamingTest} runs in a JVM with a small heap.
 */
public final class CountConllSentences {

  private CountConllSentences() {}

  public static void main(String[] args) throws Exception {
    long sentences = 0;
    long tokens = 0;
    try (Stream<Sentence> stream = new ConllReader().read(Path.of(args[0]))) {
      Iterator<Sentence> it = stream.iterator();
      while (it.hasNext()) {
        sentences++;
        tokens += it.next().size();
      }
    }
    System.out.println("sentences=" + sentences + " tokens=" + tokens
        + " maxHeap=" + Runtime.getRuntime().maxMemory());
  }
}
