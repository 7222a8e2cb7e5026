"""Loads a trainkit export with real transformers and compares its logits with trainkit's.

    mvn -B -o -pl nlp -am test -Dtest=HuggingFaceExportTest -Dsurefire.failIfNoSpecifiedTests=false \
        -Dbert.export.dir=/tmp/bert-export
    python nlp/src/test/python/check_export.py /tmp/bert-export

The directory holds what HuggingFaceExportTest exported (config.json, model.safetensors,
tokenizer files; the head's labels in an order other than the original checkpoint's) and
trainkit-logits.json (trainkit's inputs and logits). Exit status 0 when the largest difference
is within 1e-4 and the tokenizer loads.
"""
import json
import sys

import torch
import transformers
from transformers import AutoModelForTokenClassification, AutoTokenizer

TOLERANCE = 1e-4


def main(directory):
    model = AutoModelForTokenClassification.from_pretrained(directory)
    model.eval()
    tokenizer = AutoTokenizer.from_pretrained(directory)
    with open(f"{directory}/trainkit-logits.json", encoding="utf-8") as f:
        recorded = json.load(f)
    inputs = {k: torch.tensor(recorded[k]) for k in ("input_ids", "token_type_ids",
                                                      "attention_mask")}
    with torch.no_grad():
        logits = model(**inputs).logits
    trainkit = torch.tensor(recorded["logits"]).reshape(logits.shape)
    difference = (logits - trainkit).abs().max().item()
    print(f"transformers {transformers.__version__}, torch {torch.__version__}")
    print(f"loaded {type(model).__name__} from {directory}; id2label {model.config.id2label}")
    print(f"tokenizer {type(tokenizer).__name__}: {tokenizer.tokenize('Aspirin for hypertension')}")
    print(f"logits {list(logits.shape)}: max |transformers - trainkit| = {difference:.3g}"
          f" (tolerance {TOLERANCE})")
    same_argmax = bool((logits.argmax(-1) == trainkit.argmax(-1)).all())
    print(f"same predicted label at every piece: {same_argmax}")
    ok = difference <= TOLERANCE and same_argmax
    print("OK" if ok else "MISMATCH")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1] if len(sys.argv) > 1 else "/tmp/bert-export"))
