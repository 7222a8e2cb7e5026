#!/usr/bin/env python3
"""The BERT fine-tuning benchmark's PyTorch side: a BERT-mini-sized token classifier (4 layers,
hidden 256, 4 heads, intermediate 1024, 30522 pieces, 9 labels) trained with the recipe
trainkit's BertTagger uses -- AdamW (weight decay 0.01, none on biases and LayerNorm weights),
linear warm-up then linear decay, gradient clipping at 1.0, dropout on -- on batches of 16
sequences of 64 pieces.

    bert_contender.py make DIR          writes the seeded model (save_pretrained, safetensors)
    bert_contender.py train DIR STEPS   trains it; prints one JSON line of measurements
                                        (samples/s after min(100, STEPS/5) warm-up steps)

Both languages train the same weights (DIR) on the same batches: piece ids and labels are a
fixed formula of (step, row, position), written out in `batch()` and in BertBench.java.
"""
import json
import sys
import time

import torch
from transformers import BertConfig, BertForTokenClassification

BATCH, LENGTH, LABELS, VOCAB = 16, 64, 9, 30522


def rss_mib():
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return float("nan")


def batch(step):
    ids = torch.empty(BATCH, LENGTH, dtype=torch.long)
    labels = torch.empty(BATCH, LENGTH, dtype=torch.long)
    for b in range(BATCH):
        for t in range(LENGTH):
            ids[b, t] = 5 + (step * 131 + b * 17 + t * 7) % (VOCAB - 5)
            labels[b, t] = (step + b * 3 + t) % LABELS
    ids[:, 0], ids[:, -1] = 2, 3
    return ids, labels


def make(directory):
    torch.manual_seed(42)
    config = BertConfig(vocab_size=VOCAB, hidden_size=256, num_hidden_layers=4,
                        num_attention_heads=4, intermediate_size=1024,
                        max_position_embeddings=512, num_labels=LABELS)
    config.id2label = {i: f"L{i}" for i in range(LABELS)}
    config.label2id = {f"L{i}": i for i in range(LABELS)}
    BertForTokenClassification(config).save_pretrained(directory, safe_serialization=True)
    with open(f"{directory}/vocab.txt", "w") as f:  # a tokenizer for the model directory check
        f.write("\n".join(["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"] +
                          [f"w{i}" for i in range(VOCAB - 5)]) + "\n")


def train(directory, steps):
    torch.set_num_threads(2)
    model = BertForTokenClassification.from_pretrained(directory)
    model.train()
    decay = [p for n, p in model.named_parameters()
             if not (n.endswith("bias") or "LayerNorm.weight" in n)]
    no_decay = [p for n, p in model.named_parameters()
                if n.endswith("bias") or "LayerNorm.weight" in n]
    optimizer = torch.optim.AdamW([{"params": decay, "weight_decay": 0.01},
                                   {"params": no_decay, "weight_decay": 0.0}], lr=5e-5)
    warmup = 50
    schedule = torch.optim.lr_scheduler.LambdaLR(optimizer, lambda s: (s + 1) / warmup
                                                 if s < warmup else (steps - s) / (steps - warmup))
    batches = [batch(s) for s in range(steps)]
    mask = torch.ones(BATCH, LENGTH, dtype=torch.long)
    types = torch.zeros(BATCH, LENGTH, dtype=torch.long)
    warm, rss_warm, started, loss_sum = min(100, steps // 5), None, None, 0.0
    for step in range(steps):
        if step == warm:
            started, rss_warm = time.perf_counter(), rss_mib()
        ids, labels = batches[step]
        loss = model(input_ids=ids, token_type_ids=types, attention_mask=mask, labels=labels).loss
        optimizer.zero_grad(set_to_none=True)
        loss.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
        optimizer.step()
        schedule.step()
        loss_sum += loss.item()
    seconds = time.perf_counter() - started
    print(json.dumps({"contender": "pytorch", "torch": torch.__version__, "steps": steps,
                      "samples_per_s": (steps - warm) * BATCH / seconds, "warm_steps": warm,
                      "rss_mib_warm": rss_warm, "rss_mib_end": rss_mib(),
                      "mean_loss": loss_sum / steps}))


if __name__ == "__main__":
    if sys.argv[1] == "make":
        make(sys.argv[2])
    else:
        train(sys.argv[2], int(sys.argv[3]))
