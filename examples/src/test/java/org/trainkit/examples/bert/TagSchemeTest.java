package org.trainkit.examples.bert;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class TagSchemeTest {

  private static final List<String> BIO =
      List.of("B-DRUG", "O", "B-DISEASE", "I-DISEASE", "I-DISEASE", "B-DRUG", "B-DRUG");
  private static final List<String> IOBES =
      List.of("S-DRUG", "O", "B-DISEASE", "I-DISEASE", "E-DISEASE", "S-DRUG", "S-DRUG");

  @Test
  void convertsBothWaysWithTheSameEntities() {
    assertEquals(IOBES, TagScheme.IOBES.encode(BIO));
    assertEquals(BIO, TagScheme.IOB2.encode(IOBES));
    assertEquals(BIO, TagScheme.IOB2.encode(BIO));
    assertEquals(IOBES, TagScheme.IOBES.encode(IOBES));
  }

  @Test
  void repairsWhatASoftmaxPredicts() {
    // an I- without a B-, an E- alone: read leniently, written valid
    assertEquals(List.of("B-DRUG", "I-DRUG", "O", "B-DISEASE"),
        TagScheme.IOB2.encode(List.of("I-DRUG", "I-DRUG", "O", "E-DISEASE")));
    assertEquals(List.of("B-DRUG", "E-DRUG", "O", "S-DISEASE"),
        TagScheme.IOBES.encode(List.of("I-DRUG", "I-DRUG", "O", "E-DISEASE")));
  }

  @Test
  void aFileIsIobesWhenAnyTagSaysSo() {
    assertEquals(TagScheme.IOB2, TagScheme.of(List.of(BIO, List.of("O"))));
    assertEquals(TagScheme.IOBES, TagScheme.of(List.of(BIO, List.of("S-DRUG"))));
    assertEquals(TagScheme.IOB2, TagScheme.of(List.of()));
  }
}
