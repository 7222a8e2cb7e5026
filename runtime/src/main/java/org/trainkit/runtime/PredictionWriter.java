package org.trainkit.runtime;

import ai.djl.ndarray.NDList;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * How the {@code predict} command writes a component's predictions: the text of each input item
 * with its prediction, which the command writes in input order (batches are length-sorted within
 * a window, so {@link #render} sees items out of order, never the file). A trainable class names
 * its writer with {@code @Trainable(writer = ...)}; without one, {@code predict} writes the
 * {@link Prediction} rows of a {@link PredictionRenderer} as TSV.
 *
 * <p>A writer may read more input formats than the component's own ({@code predict --format
 * text}): {@link #formats()} names them, {@link #read(String, Path)} reads them. Implementations must
 * be safe to call from the predicting thread while loader threads prepare the next batches; they
 * are called from one thread at a time.
 *
 * @param <R> the component's raw item type
 * @param <B> the component's batch type
 */
public interface PredictionWriter<R, B> {

  /**
   * The {@code --format} names {@code predict} accepts. The first is the default and names the
   * format of the component's own {@code DatasetReader}; every other is read by {@link
   * #read(String, Path)}. The default: one format, {@code data}.
   */
  default List<String> formats() {
    return List.of("data");
  }

  /**
   * The items of {@code file} in {@code format}, one of {@link #formats()} other than the first,
   * read lazily as the stream is consumed; close the stream to close the file.
   */
  default Stream<R> read(String format, Path file) throws IOException {
    throw new IllegalArgumentException("no reader for format " + format);
  }

  /**
   * A measure of an item's size (tokens, sentences): items of similar size are batched together,
   * so that little padding is computed. 0 for every item (the default) keeps input order.
   */
  default int length(R item) {
    return 0;
  }

  /** What the output file starts with, for {@code format}; empty by default. */
  default String header(String format) {
    return "";
  }

  /**
   * The output text of each item of one batch, in batch order, each ending with a line break:
   * {@code items} are the raw items, {@code batch} what {@code @Collate} made of them and {@code
   * output} the model's output in {@code ForwardMode.PREDICT}. The arrays are closed after the
   * call: return plain text only.
   */
  List<String> render(String format, List<R> items, B batch, NDList output);
}
