package org.trainkit.examples;

import java.util.Arrays;
import org.trainkit.examples.bert.BertClassifierTrainerMain;
import org.trainkit.examples.bert.BertTaggerTrainerMain;
import org.trainkit.examples.bert.ExportCommand;
import org.trainkit.examples.classifier.SentenceClassifierTrainerMain;
import org.trainkit.examples.data.CorpusGenerator;
import org.trainkit.examples.tagger.EntityTaggerTrainerMain;

/**
 * {@code java -jar trainkit-examples.jar}: the demo, the two generated trainer entry points,
 * and the corpus generator.
 */
public final class Main {

  private static final String USAGE = String.join("\n",
      "usage: java -Dai.djl.offline=true -jar trainkit-examples.jar COMMAND [ARGS]",
      "",
      "  demo [--out DIR]            generate corpora, train the entity tagger, test it, tag a sentence",
      "  tagger train|evaluate ...   the tagger's generated trainer (CoNLL files); tagger --help",
      "  classifier train|evaluate ...  the sentence classifier's trainer (PubMed-RCT files)",
      "  bert-tagger train|evaluate|export ...  fine-tune a pretrained BERT as a tagger (--pretrained DIR)",
      "  bert-classifier train|evaluate|export ...  fine-tune a pretrained BERT as a sentence classifier",
      "  generate conll|rct FILE COUNT SEED train|dev|test   write a synthetic corpus");

  private Main() {}

  public static void main(String[] args) throws Exception {
    System.exit(run(args));
  }

  static int run(String... args) throws Exception {
    if (args.length == 0) {
      System.err.println(USAGE);
      return 2;
    }
    String[] rest = Arrays.copyOfRange(args, 1, args.length);
    switch (args[0]) {
      case "demo":
        return Demo.run(rest);
      case "tagger":
        return EntityTaggerTrainerMain.run(rest);
      case "classifier":
        return SentenceClassifierTrainerMain.run(rest);
      case "bert-tagger":
        return isExport(rest) ? ExportCommand.run("bert-tagger", rest) : BertTaggerTrainerMain.run(rest);
      case "bert-classifier":
        return isExport(rest)
            ? ExportCommand.run("bert-classifier", rest)
            : BertClassifierTrainerMain.run(rest);
      case "generate":
        CorpusGenerator.main(rest);
        return 0;
      case "-h":
      case "--help":
      case "help":
        System.out.println(USAGE);
        return 0;
      default:
        System.err.println("unknown command '" + args[0] + "'\n" + USAGE);
        return 2;
    }
  }

  private static boolean isExport(String[] args) {
    return args.length > 0 && args[0].equals("export");
  }
}
