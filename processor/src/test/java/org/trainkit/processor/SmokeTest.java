package org.trainkit.processor;

import com.google.testing.compile.Compilation;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

class SmokeTest {
  @Test
  void prints() {
    Compilation c = Compilations.compileWithDagger(Compilations.tagger().toArray(new JavaFileObject[0]));
    System.out.println(c.status());
    c.diagnostics().forEach(d -> System.out.println(d));
    for (String n : new String[] {"TaggerTrainable", "TaggerTrainerModule", "TaggerTrainerComponent", "TaggerTrainerMain"}) {
      try { System.out.println(Compilations.text(c, "com.example.tagging." + n)); } catch (AssertionError e) { System.out.println(e); }
    }
  }
}
