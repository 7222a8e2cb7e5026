package org.trainkit.runtime.archfixture.b;

import org.trainkit.runtime.archfixture.a.A;

/** The other half of the package cycle a ↔ b, for {@code ArchitectureTest}. */
public class B {
  public A partner() {
    return null;
  }
}
