package org.trainkit.benchmarks.tagger;

import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.trainkit.annotations.Collate;
import org.trainkit.annotations.Forward;
import org.trainkit.annotations.Model;
import org.trainkit.annotations.Preprocess;
import org.trainkit.annotations.Trainable;
import org.trainkit.benchmarks.SlowWork;
import org.trainkit.examples.data.ConllReader;
import org.trainkit.examples.data.Sentence;
import org.trainkit.examples.tagger.EntityTagger;
import org.trainkit.examples.tagger.EntityTaggerOptions;
import org.trainkit.examples.tagger.EntityTagger.TaggerBatch;
import org.trainkit.examples.tagger.EntityTagger.TaggerExample;
import org.trainkit.runtime.data.Dataset;
import org.trainkit.runtime.DataDependent;
import org.trainkit.runtime.ForwardContext;
import org.trainkit.runtime.ForwardResult;

/**
 * The example tagger with a deliberately slow {@code @Preprocess} (a fixed wait or spin per
 * sentence before the real preprocessing), for the prefetch benchmark: how much of that time
 * the loader threads hide behind the training step.
 */
@Trainable(name = "slow-tagger", reader = ConllReader.class)
public class SlowTagger implements DataDependent<Sentence> {

  private final EntityTagger tagger = new EntityTagger(EntityTaggerOptions.plain());
  private final SlowWork work;

  public SlowTagger() {
    this(SlowWork.NONE);
  }

  public SlowTagger(SlowWork work) {
    this.work = work;
  }

  public SlowTaggerTrainable makeTrainable() {
    return SlowTaggerTrainable.of(this);
  }

  @Override
  public void fit(Dataset<Sentence> items) {
    tagger.fit(items);
  }

  @Override
  public void saveState(Path directory) throws IOException {
    tagger.saveState(directory);
  }

  @Override
  public void loadState(Path directory) throws IOException {
    tagger.loadState(directory);
  }

  @Model
  public Block model() {
    return tagger.model();
  }

  @Preprocess
  public TaggerExample preprocess(Sentence sentence) {
    work.run();
    return tagger.preprocess(sentence);
  }

  @Collate
  public TaggerBatch collate(List<TaggerExample> examples, NDManager manager) {
    return tagger.collate(examples, manager);
  }

  @Forward
  public ForwardResult forward(TaggerBatch batch, ForwardContext context) {
    return tagger.forward(batch, context);
  }
}
