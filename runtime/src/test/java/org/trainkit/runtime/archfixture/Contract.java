package org.trainkit.runtime.archfixture;

import org.trainkit.runtime.archfixture.c.Implementation;

/**
 * A root-package class that reaches into a sub-package which depends back on the root: the
 * shape of the old {@code org.trainkit.runtime.Trainer}, for {@code ArchitectureTest}.
 */
public interface Contract {
  static Contract create() {
    return new Implementation();
  }
}
