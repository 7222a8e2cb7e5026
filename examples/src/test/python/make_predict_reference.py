"""What real transformers predicts for examples' predict test, so that `bert-tagger predict
--pretrained` and `bert-classifier predict --pretrained` are checked against it
(BertPredictTest). CI needs no Python: the output is committed.

    python examples/src/test/python/make_predict_reference.py

Reads examples/src/test/resources/bert/predict/input.conll (24 sentences of
`CorpusGenerator conll FILE 24 41 test`) and the NER model of make_ner_model.py, runs
BertForTokenClassification on each sentence alone (BertTokenizerFast, is_split_into_words) and
writes predict/expected.json: per sentence, the label of each word's first piece, as the model's
id2label names it, and the smallest gap between a word's best and second-best logit (a gap near
1e-4 could flip between implementations).

Then reads predict/input-rct.txt (4 abstracts of `CorpusGenerator rct FILE 4 43 test`) and nlp's
sequence-classification fixture (make_fixtures.py), runs BertForSequenceClassification on each
sentence alone, truncated to 64 pieces as Hugging Face truncates, and writes
predict/expected-rct.json: every sentence's label, in file order.
"""
import json
import os

import torch
from transformers import BertForTokenClassification, BertTokenizerFast

from transformers import BertForSequenceClassification

HERE = os.path.join(os.path.dirname(__file__), "..", "resources", "bert")
SEQUENCE_MODEL = os.path.join(os.path.dirname(__file__), "..", "..", "..", "..", "nlp", "src",
                              "test", "resources", "bert", "sequence-model")
MODEL = os.path.join(HERE, "ner-model")
DATA = os.path.join(HERE, "predict")


def sentences(path):
    words = []
    for line in open(path, encoding="utf-8"):
        line = line.rstrip("\n")
        if not line.strip():
            if words:
                yield words
            words = []
        elif not line.startswith("-DOCSTART-"):
            words.append(line.split("\t")[0])
    if words:
        yield words


def main():
    tokenizer = BertTokenizerFast.from_pretrained(MODEL)
    model = BertForTokenClassification.from_pretrained(MODEL).eval()
    labels = []
    smallest_gap = float("inf")
    with torch.inference_mode():
        for words in sentences(os.path.join(DATA, "input.conll")):
            encoded = tokenizer(words, is_split_into_words=True, return_tensors="pt")
            logits = model(**encoded).logits[0]
            seen = set()
            tags = []
            for piece, word in enumerate(encoded.word_ids(0)):
                if word is None or word in seen:
                    continue
                seen.add(word)
                top = torch.topk(logits[piece], 2).values
                smallest_gap = min(smallest_gap, float(top[0] - top[1]))
                tags.append(model.config.id2label[int(logits[piece].argmax())])
            assert len(tags) == len(words), (words, tags)
            labels.append(tags)
    with open(os.path.join(DATA, "expected.json"), "w", encoding="utf-8") as out:
        json.dump({"labels": labels, "smallestGap": smallest_gap}, out, indent=1)
    print(f"{len(labels)} sentences; smallest best-second logit gap {smallest_gap:.2e}")
    classify()


def classify():
    tokenizer = BertTokenizerFast.from_pretrained(SEQUENCE_MODEL)
    model = BertForSequenceClassification.from_pretrained(SEQUENCE_MODEL).eval()
    labels = []
    smallest_gap = float("inf")
    with torch.inference_mode():
        for line in open(os.path.join(DATA, "input-rct.txt"), encoding="utf-8"):
            line = line.rstrip("\n")
            if not line.strip() or line.startswith("###"):
                continue
            sentence = line.split("\t", 1)[1]
            encoded = tokenizer(sentence, truncation=True, max_length=64, return_tensors="pt")
            logits = model(**encoded).logits[0]
            top = torch.topk(logits, 2).values
            smallest_gap = min(smallest_gap, float(top[0] - top[1]))
            labels.append(model.config.id2label[int(logits.argmax())])
    with open(os.path.join(DATA, "expected-rct.json"), "w", encoding="utf-8") as out:
        json.dump({"labels": labels, "smallestGap": smallest_gap}, out, indent=1)
    print(f"{len(labels)} sentences classified; smallest gap {smallest_gap:.2e}")


if __name__ == "__main__":
    main()
