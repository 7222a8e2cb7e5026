package com.example.lengths;

import dagger.Module;
import dagger.Provides;
import dagger.multibindings.IntoSet;
import java.util.concurrent.atomic.AtomicInteger;
import org.trainkit.runtime.EpochSummary;
import org.trainkit.runtime.TrainerCallback;
import org.trainkit.runtime.TrainerState;

/** Adds a callback that counts finished iterations, to show that module callbacks arrive. */
@Module
public interface CountingModule {

  AtomicInteger ITERATIONS = new AtomicInteger();

  @Provides
  @IntoSet
  static TrainerCallback countIterations() {
    return new TrainerCallback() {
      @Override
      public void onIterationEnd(TrainerState state, EpochSummary summary) {
        ITERATIONS.incrementAndGet();
      }
    };
  }
}
