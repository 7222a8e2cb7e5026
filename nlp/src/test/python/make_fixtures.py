"""Builds the BERT test fixtures of trainkit-nlp with the real Hugging Face libraries.

Run from the repository root (needs torch, transformers, tokenizers, safetensors):
    python nlp/src/test/python/make_fixtures.py
It writes nlp/src/test/resources/bert/: two tiny seeded BERT checkpoints saved by
save_pretrained (token classification with a lower-casing tokenizer, sequence classification
with a cased one), their inputs, attention masks and eval-mode logits, and the pieces, word ids
and character offsets that BertTokenizerFast gives on a fixed text set. CI needs no Python:
the outputs are committed.
"""
import json
import os
import shutil
import sys

import torch
import transformers
from transformers import (BertConfig, BertForSequenceClassification,
                          BertForTokenClassification, BertTokenizerFast)

OUT = os.path.join(os.path.dirname(__file__), "..", "resources", "bert")

SPECIAL = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"]
WORDS = ["the", "patient", "was", "given", "aspirin", "for", "fever", "and", "pain", "in",
         "cafe", "naive", "resume", "lung", "cancer", "heart", "disease", "of", "with", "no",
         "dr", "smith", "paris", "treated", "daily", "mg", "dose", "acute", "renal", "failure",
         "The", "Patient", "Paris", "Smith", "Café", "naïve"]
PIECES = ["##s", "##ing", "##ed", "##ly", "##er", "##al", "##itis", "##oma", "##ine", "##ia",
          "hyper", "hypo", "tension", "##tension", "glyc", "##emia", "cardi", "##o", "##myo",
          "##pathy"]
PUNCT = list("!?.,;:()[]-/'\"%+=&*#@")
CJK = list("北京大学東京病院")
LETTERS = [chr(c) for c in range(ord("a"), ord("z") + 1)]
SUFFIX_LETTERS = ["##" + c for c in LETTERS]
DIGITS = list("0123456789")


def vocabulary():
    seen, vocab = set(), []
    for token in SPECIAL + WORDS + PIECES + PUNCT + CJK + LETTERS + SUFFIX_LETTERS + DIGITS:
        if token not in seen:
            seen.add(token)
            vocab.append(token)
    return vocab


TEXTS = [
    "The patient was given aspirin for fever and pain.",
    "Café naïve résumé: the patients treated daily!",
    "北京大学 東京病院 and Paris",
    "Wait!!! ... (yes?)--no; 5mg/dose, 100% hypertension & hypoglycemia",
    "pneumonoultramicroscopicsilicovolcanoconiosis" * 3 + " is long",
    "  Tabs\tand   spaces\nnew line Dr. Smith's cardiomyopathy",
    "ÀÉÎÕÜ çñ ß Œuvre",
]

WORD_LISTS = [
    ["The", "patient", "was", "given", "aspirin", "."],
    ["Café", "naïve", "résumé", ":", "hypertension", "!!!"],
    ["北京大学", "病院", "Dr.", "Smith's", "x" * 120, "end"],
]


def tokenizer_reference(tokenizer):
    texts = []
    for text in TEXTS:
        enc = tokenizer(text, return_offsets_mapping=True)
        texts.append({
            "text": text,
            "pieces": enc.tokens(),
            "ids": enc["input_ids"],
            "word_ids": enc.word_ids(),
            "offsets": [list(o) for o in enc["offset_mapping"]],
        })
    words = []
    for word_list in WORD_LISTS:
        enc = tokenizer(word_list, is_split_into_words=True, return_offsets_mapping=True)
        words.append({
            "words": word_list,
            "pieces": enc.tokens(),
            "ids": enc["input_ids"],
            "word_ids": enc.word_ids(),
            "offsets": [list(o) for o in enc["offset_mapping"]],
        })
    return {"texts": texts, "words": words}


def config(labels):
    return BertConfig(
        vocab_size=len(vocabulary()), hidden_size=32, num_hidden_layers=2,
        num_attention_heads=4, intermediate_size=64, hidden_act="gelu",
        max_position_embeddings=64, type_vocab_size=2, layer_norm_eps=1e-12,
        hidden_dropout_prob=0.1, attention_probs_dropout_prob=0.1,
        id2label={i: l for i, l in enumerate(labels)},
        label2id={l: i for i, l in enumerate(labels)})


def randomize(model, seed):
    """Non-trivial LayerNorm weights and biases too, so a swapped or missing one shows."""
    generator = torch.Generator().manual_seed(seed)
    with torch.no_grad():
        for name, p in model.named_parameters():
            if name.endswith("LayerNorm.weight"):
                p.copy_(1.0 + 0.2 * torch.randn(p.shape, generator=generator))
            else:
                p.copy_(0.2 * torch.randn(p.shape, generator=generator))


def batch(tokenizer, texts, pairs=None):
    if pairs is None:
        enc = tokenizer(texts, padding=True, return_tensors="pt")
    else:
        enc = tokenizer(texts, pairs, padding=True, return_tensors="pt")
    return enc


def vocab_only_tokenizer(work, vocab_file, lower_case):
    directory = os.path.join(work, "lower" if lower_case else "cased")
    os.makedirs(directory, exist_ok=True)
    shutil.copy(vocab_file, os.path.join(directory, "vocab.txt"))
    with open(os.path.join(directory, "tokenizer_config.json"), "w", encoding="utf-8") as f:
        json.dump({"do_lower_case": lower_case, "tokenizer_class": "BertTokenizer"}, f)
    tokenizer = BertTokenizerFast.from_pretrained(directory)
    assert tokenizer.convert_tokens_to_ids("patient") != tokenizer.unk_token_id, "vocab not loaded"
    return tokenizer


def save_case(name, model, tokenizer, enc, vocab_file):
    directory = os.path.join(OUT, name)
    shutil.rmtree(directory, ignore_errors=True)
    model.save_pretrained(directory, safe_serialization=True)
    tokenizer.save_pretrained(directory)
    # Recent transformers writes only tokenizer.json; checkpoints in the wild carry vocab.txt too.
    shutil.copy(vocab_file, os.path.join(directory, "vocab.txt"))
    model.eval()
    with torch.no_grad():
        logits = model(**enc).logits
    record = {
        "input_ids": enc["input_ids"].tolist(),
        "token_type_ids": enc["token_type_ids"].tolist(),
        "attention_mask": enc["attention_mask"].tolist(),
        "logits": [[round(float(v), 7) for v in row] for row in logits.reshape(-1, logits.shape[-1])],
        "logits_shape": list(logits.shape),
    }
    with open(os.path.join(OUT, name + "-logits.json"), "w", encoding="utf-8") as f:
        json.dump(record, f)


def half_precision_copies(weights):
    """The token model's weights in F16 and BF16, as checkpoints are often published."""
    from safetensors.torch import load_file, save_file
    tensors = load_file(weights)
    for dtype, suffix in ((torch.float16, "f16"), (torch.bfloat16, "bf16")):
        save_file({k: v.to(dtype) for k, v in tensors.items()},
                  os.path.join(OUT, f"token-model-{suffix}.safetensors"), metadata={"format": "pt"})


def main():
    torch.manual_seed(0)
    os.makedirs(OUT, exist_ok=True)
    work = os.path.join(OUT, "_vocab")
    os.makedirs(work, exist_ok=True)
    vocab_file = os.path.join(work, "vocab.txt")
    with open(vocab_file, "w", encoding="utf-8") as f:
        f.write("\n".join(vocabulary()) + "\n")

    # Loaded the way a vocab.txt-only directory is: vocab.txt + tokenizer_config.json.
    lower = vocab_only_tokenizer(work, vocab_file, True)
    cased = vocab_only_tokenizer(work, vocab_file, False)

    tags = ["O", "B-DRUG", "I-DRUG", "B-DISEASE", "I-DISEASE"]
    token_model = BertForTokenClassification(config(tags))
    randomize(token_model, 1)
    enc = batch(lower, ["The patient was given aspirin for fever.", "Acute renal failure",
                        "Café naïve hypertension and cardiomyopathy in Paris!!!"])
    save_case("token-model", token_model, lower, enc, vocab_file)

    classes = ["BACKGROUND", "METHODS", "RESULTS"]
    sequence_model = BertForSequenceClassification(config(classes))
    randomize(sequence_model, 2)
    enc = batch(cased, ["The Patient was treated daily", "Paris", "no fever"],
                ["with aspirin", "Smith and the dose of 5 mg", "pain"])
    save_case("sequence-model", sequence_model, cased, enc, vocab_file)
    shutil.rmtree(work)
    half_precision_copies(os.path.join(OUT, "token-model", "model.safetensors"))

    reference = {
        "versions": {"transformers": transformers.__version__, "torch": torch.__version__},
        "lowercase": tokenizer_reference(lower),
        "cased": tokenizer_reference(cased),
    }
    with open(os.path.join(OUT, "tokenizer-reference.json"), "w", encoding="utf-8") as f:
        json.dump(reference, f, ensure_ascii=False, indent=1)
    print("fixtures written to", os.path.normpath(OUT), "with transformers", transformers.__version__,
          "torch", torch.__version__, file=sys.stderr)


if __name__ == "__main__":
    main()
