package org.trainkit.examples.bert;

import dagger.Module;
import dagger.Provides;
import dagger.multibindings.IntoSet;
import org.trainkit.runtime.TrainerCallback;

/** Adds {@link ExportCallback} to the BERT components' trainers. */
@Module
public final class ExportModule {

  private ExportModule() {}

  @Provides
  @IntoSet
  static TrainerCallback export() {
    return new ExportCallback();
  }
}
