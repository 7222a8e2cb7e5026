package org.trainkit.runtime.archfixture.a;

import org.trainkit.runtime.archfixture.b.B;

/** Half of a package cycle a ↔ b, for {@code ArchitectureTest}. */
public class A {
  public B partner() {
    return new B();
  }
}
