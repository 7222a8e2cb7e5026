"""Builds the small pretrained BERT that examples' fine-tuning tests start from, with the real
Hugging Face libraries (torch, transformers, tokenizers, safetensors):

    for split in train dev test; do java -cp examples/target/classes \
        org.trainkit.examples.data.CorpusGenerator conll /tmp/ner-$split.conll 2000 7 $split
      java -cp examples/target/classes \
        org.trainkit.examples.data.CorpusGenerator rct /tmp/rct-$split.txt 300 7 $split; done
    python examples/src/test/python/make_ner_model.py /tmp/ner-*.conll /tmp/rct-*.txt

It writes examples/src/test/resources/bert/ner-model/: a seeded random
BertForTokenClassification (2 layers, hidden 64, 4 heads, 128 positions; labels O, B-DRUG,
I-DRUG, B-DISEASE, I-DISEASE in that order, which is not the order a run sorts them into, so the
head is kept with its rows reordered) and its lower-casing WordPiece tokenizer (vocab.txt,
tokenizer.json, tokenizer_config.json from BertTokenizerFast.save_pretrained). Like a real
domain BERT, the vocabulary knows the corpora's frequent words (3 times or more in 6000
generated CoNLL sentences and 900 PubMed-RCT abstracts, seeds other than the tests') and the syllables and suffixes entity names are
made of (CorpusGenerator's lists), not the rare names themselves; letters and digits cover the
rest. CI needs no Python: the outputs are committed.
"""
import os
import re
import sys

import torch
from transformers import BertConfig, BertForTokenClassification, BertTokenizerFast

OUT = os.path.join(os.path.dirname(__file__), "..", "resources", "bert", "ner-model")
SPECIAL = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"]
# CorpusGenerator.Names' syllables and affixes
ONSETS = ["b", "c", "d", "f", "g", "h", "k", "l", "m", "n", "p", "r", "s", "t", "v", "z",
          "br", "cl", "dr", "fl", "gr", "kr", "pl", "pr", "st", "tr", "sk", "sp"]
VOWELS = ["a", "e", "i", "o", "u"]
MIDDLES = ["la", "ro", "mi", "ne", "ta", "vo", "ri", "sa", "do", "ce", "lu", "pe", "na", "ti",
           "mo", "xa", "ze", "bu"]
CODAS = ["n", "r", "l", "x", "s", "t", "m"]
SUFFIXES = ["itis", "osis", "emia", "oma", "opathy", "algia", "iasis", "ectasia", "plasia", "uria",
            "ic", "al", "ous", "ar", "oid", "mab", "pril", "olol", "statin", "cillin", "azole",
            "vir", "tinib", "sartan", "parin", "oxacin", "dipine", "prazole", "lukast", "gliptin",
            "dronate", "cycline", "semide", "triptan", "zepam", "ex", "ax", "ora", "yn", "iq",
            "elle", "ix", "on", "ium"]
LABELS = ["O", "B-DRUG", "I-DRUG", "B-DISEASE", "I-DISEASE"]


def vocabulary(corpora):
    counts = {}
    for corpus in corpora:
        with open(corpus, encoding="utf-8") as f:
            for line in f:
                parts = line.rstrip("\n").split("\t")
                if len(parts) != 2 or parts[0] == "-DOCSTART-":
                    continue
                # CoNLL: token, tag; PubMed-RCT: label, sentence (split as BERT's pre-tokenizer)
                words = [parts[0]] if corpus.endswith(".conll") else re.findall(r"\w+|[^\w\s]",
                                                                                  parts[1])
                for word in words:
                    word = word.lower()
                    counts[word] = counts.get(word, 0) + 1
    words = [w for w, n in counts.items() if n >= 3]
    syllables = [o + v for o in ONSETS for v in VOWELS]
    pieces = (sorted(set(words)) + syllables
              + ["##" + p for p in MIDDLES + CODAS + SUFFIXES + syllables + VOWELS]
              + [chr(c) for c in range(ord("a"), ord("z") + 1)]
              + ["##" + chr(c) for c in range(ord("a"), ord("z") + 1)]
              + list("0123456789") + ["##" + d for d in "0123456789"] + list(".,;:()[]-/'%+"))
    seen, vocab = set(SPECIAL), list(SPECIAL)
    for p in pieces:
        if p not in seen:
            seen.add(p)
            vocab.append(p)
    return vocab


def main(corpora):
    os.makedirs(OUT, exist_ok=True)
    vocab = vocabulary(corpora)
    with open(os.path.join(OUT, "vocab.txt"), "w", encoding="utf-8") as f:
        f.write("\n".join(vocab) + "\n")
    BertTokenizerFast(os.path.join(OUT, "vocab.txt"), do_lower_case=True).save_pretrained(OUT)
    torch.manual_seed(14)
    config = BertConfig(vocab_size=len(vocab), hidden_size=64, num_hidden_layers=2,
                        num_attention_heads=4, intermediate_size=128,
                        max_position_embeddings=128,
                        id2label=dict(enumerate(LABELS)),
                        label2id={l: i for i, l in enumerate(LABELS)})
    BertForTokenClassification(config).save_pretrained(OUT, safe_serialization=True)
    for name in ("special_tokens_map.json",):
        path = os.path.join(OUT, name)
        if os.path.exists(path):
            os.remove(path)
    print(f"{OUT}: {len(vocab)} pieces, {sorted(os.listdir(OUT))}")


if __name__ == "__main__":
    main(sys.argv[1:])
