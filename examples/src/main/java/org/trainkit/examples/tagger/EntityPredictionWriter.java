package org.trainkit.examples.tagger;

import ai.djl.ndarray.NDList;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.trainkit.examples.data.Sentence;
import org.trainkit.runtime.PredictionWriter;
import org.trainkit.runtime.data.DatasetReader;
import org.trainkit.runtime.data.ItemSplit;

/**
 * How an entity tagger's {@code predict} writes: {@code --format conll} (the default) writes each input token
 * line back, every column kept, with the predicted tag appended, and a blank line after each
 * sentence; {@code --format text} reads one document per line and writes JSON Lines, one object
 * per document: {@code {"text": ..., "entities": [{"type", "start", "end", "text"}]}}, offsets in
 * characters (UTF-16 units, as Java and JavaScript count) of the document's text.
 *
 * <p>A tagger's writer says only how a batch's output becomes tags ({@link #tags}).
 *
 * @param <B> the tagger's batch type
 */
public abstract class EntityPredictionWriter<B> implements PredictionWriter<Sentence, B> {

  public static final String CONLL = "conll";
  public static final String TEXT = "text";
  private static final ObjectMapper JSON = new ObjectMapper();

  @Override
  public List<String> formats() {
    return List.of(CONLL, TEXT);
  }

  /** Plain text, one document per line (UTF-8); an empty line is a document without entities. */
  @Override
  public Stream<Sentence> read(String format, Path file) throws IOException {
    DatasetReader<Sentence> text = DatasetReader.of(ItemSplit.everyLine(), item -> {
      String line = item.line(0);
      String document = line.startsWith("\uFEFF") ? line.substring(1) : line;
      return Sentence.untagged(TextTokens.of(document).tokens(), List.of(document));
    });
    return text.read(file);
  }

  @Override
  public int length(Sentence item) {
    return item.size();
  }

  @Override
  public List<String> render(String format, List<Sentence> items, B batch, NDList output) {
    List<List<String>> tags = tags(items, batch, output);
    List<String> rendered = new ArrayList<>(items.size());
    for (int i = 0; i < items.size(); i++) {
      rendered.add(TEXT.equals(format) ? json(items.get(i), tags.get(i)) : conll(items.get(i), tags.get(i)));
    }
    return rendered;
  }

  /**
   * The predicted tags of each item of one batch, in batch order, one per token, as the output
   * should show them.
   */
  protected abstract List<List<String>> tags(List<Sentence> items, B batch, NDList output);

  private static String conll(Sentence sentence, List<String> tags) {
    List<String> lines = sentence.source().isEmpty() ? sentence.tokens() : sentence.source();
    int size = 1;
    for (int i = 0; i < sentence.size(); i++) {
      size += lines.get(i).length() + tags.get(i).length() + 2;
    }
    StringBuilder out = new StringBuilder(size);
    for (int i = 0; i < sentence.size(); i++) {
      String line = lines.get(i);
      // the file's own separator: tabs, or single spaces in CoNLL-2003 style
      char separator = line.indexOf('\t') < 0 && line.indexOf(' ') >= 0 ? ' ' : '\t';
      out.append(line).append(separator).append(tags.get(i)).append('\n');
    }
    return out.append('\n').toString();
  }

  private static String json(Sentence document, List<String> tags) {
    String text = document.source().isEmpty() ? String.join(" ", document.tokens()) : document.source().get(0);
    ObjectNode line = JSON.createObjectNode();
    line.put("text", text);
    ArrayNode entities = line.putArray("entities");
    for (Mention m : TextTokens.of(text).mentions(tags)) {
      entities.addObject().put("type", m.type()).put("start", m.start()).put("end", m.end())
          .put("text", m.text());
    }
    try {
      return JSON.writeValueAsString(line) + "\n";
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }
}
