#!/usr/bin/env python3
"""Contender (d): the benchmark's models and training loop in PyTorch, from Python.

This is what the Python systems trainkit replaces run: a torch.nn.Module, torch.optim.Adam,
and the usual loop -- per step: collate the batch from preprocessed examples, forward, loss,
zero_grad(set_to_none=True), backward, optimizer.step(), loss.item().

Driven by the Java harness (org.trainkit.benchmarks.loop.PythonContender) over stdin/stdout,
one command per line, so that its timings interleave with the Java contenders':

    setup <mlp|tagger> <batch size> <data file>   ->  ok params=<n>
    steps <n>                                     ->  time <seconds for n optimizer steps>
    quit

On start it prints `ready torch=<version> threads=<n> blas=<library>`. The data files are
written by the harness: the MLP's points (little-endian: int32 n, int32 dims, n*dims float32,
n int32 labels) and the tagger's examples as the Java @Preprocess made them (JSON lines after
a line of sizes), so both languages train on the same numbers.
"""

import json
import os
import struct
import sys
import time

import torch
import torch.nn as nn
import torch.nn.functional as F


def say(line):
    sys.stdout.write(line + "\n")
    sys.stdout.flush()


def blas_in_use():
    """The BLAS library mapped into this process (after a matmul has loaded it)."""
    a = torch.randn(64, 64)
    (a @ a).sum().item()
    found = set()
    with open("/proc/self/maps") as maps:
        for line in maps:
            path = line.split()[-1] if len(line.split()) >= 6 else ""
            name = os.path.basename(path).lower()
            if "blas" in name or "mkl" in name or "lapack" in name:
                found.add(os.path.realpath(path))
    return ",".join(sorted(found)) or "none mapped (torch's own kernels)"


class Mlp(nn.Module):
    def __init__(self, inputs, hidden, classes):
        super().__init__()
        self.net = nn.Sequential(
            nn.Linear(inputs, hidden), nn.ReLU(),
            nn.Linear(hidden, hidden), nn.ReLU(),
            nn.Linear(hidden, classes))

    def forward(self, x):
        return self.net(x)


def reversed_within(x, flat):
    b, t, c = x.shape
    return x.reshape(b * t, c)[flat].reshape(b, t, c)


class Tagger(nn.Module):
    """examples/.../TaggerNetwork: embeddings -> two one-way LSTMs (BiLSTM) -> scores."""

    def __init__(self, m):
        super().__init__()
        self.words = nn.Embedding(m["vocabulary"], m["word"])
        self.affixes = nn.Embedding(m["affixBuckets"], m["affix"])
        self.shapes = nn.Embedding(m["shapes"], m["shape"])
        features = m["word"] + m["affix"] * m["affixesPerToken"] + m["shape"]
        self.forward_lstm = nn.LSTM(features, m["hidden"], batch_first=True)
        self.backward_lstm = nn.LSTM(features, m["hidden"], batch_first=True)
        self.dropout = nn.Dropout(m["dropout"])
        self.scores = nn.Linear(2 * m["hidden"], m["tags"])

    def forward(self, words, affixes, shapes, reverse):
        b, t = words.shape
        x = torch.cat([self.words(words), self.affixes(affixes).reshape(b, t, -1),
                       self.shapes(shapes)], 2)
        x = self.dropout(x)
        there, _ = self.forward_lstm(x)
        back, _ = self.backward_lstm(reversed_within(x, reverse))
        h = self.dropout(torch.cat([there, reversed_within(back, reverse)], 2))
        return self.scores(h)


class Order:
    """Shuffled batches of example indices, a new permutation each epoch."""

    def __init__(self, n, batch, seed):
        self.n, self.batch, self.epoch, self.position = n, batch, 0, 0
        self.seed = seed
        self.order = self._permutation()

    def _permutation(self):
        g = torch.Generator()
        g.manual_seed(self.seed * 1000003 + self.epoch)
        return torch.randperm(self.n, generator=g)

    def next(self):
        if self.position + self.batch > self.n:
            self.epoch += 1
            self.order = self._permutation()
            self.position = 0
        idx = self.order[self.position:self.position + self.batch]
        self.position += self.batch
        return idx


class MlpTask:
    def __init__(self, path, batch, seed):
        with open(path, "rb") as f:
            n, dims = struct.unpack("<ii", f.read(8))
            self.x = torch.frombuffer(bytearray(f.read(4 * n * dims)), dtype=torch.float32).reshape(n, dims)
            self.y = torch.frombuffer(bytearray(f.read(4 * n)), dtype=torch.int32).long()
        torch.manual_seed(seed)
        self.model = Mlp(dims, 256, 10)
        self.order = Order(n, batch, seed)

    def loss(self):
        idx = self.order.next()
        x, y = self.x[idx], self.y[idx]  # collate: gather the batch's rows
        return F.cross_entropy(self.model(x), y)


class TaggerTask:
    def __init__(self, path, batch, seed):
        with open(path) as f:
            self.meta = json.loads(f.readline())
            self.examples = []
            for line in f:
                e = json.loads(line)
                self.examples.append((
                    torch.tensor(e["w"], dtype=torch.long),
                    torch.tensor(e["a"], dtype=torch.long).reshape(-1, self.meta["affixesPerToken"]),
                    torch.tensor(e["s"], dtype=torch.long),
                    torch.tensor(e["t"], dtype=torch.long)))
        torch.manual_seed(seed)
        self.model = Tagger(self.meta)
        self.order = Order(len(self.examples), batch, seed)

    def collate(self, idx):
        batch = [self.examples[i] for i in idx.tolist()]
        pad = nn.utils.rnn.pad_sequence
        words = pad([e[0] for e in batch], batch_first=True)
        affixes = pad([e[1] for e in batch], batch_first=True)
        shapes = pad([e[2] for e in batch], batch_first=True)
        tags = pad([e[3] for e in batch], batch_first=True, padding_value=-1)
        b, t = words.shape
        lengths = torch.tensor([len(e[0]) for e in batch]).unsqueeze(1)
        j = torch.arange(t).unsqueeze(0)
        row = torch.arange(b).unsqueeze(1) * t
        reverse = torch.where(j < lengths, row + lengths - 1 - j, row + j).reshape(-1)
        mask = (tags >= 0).float()
        return words, affixes, shapes, reverse, tags.clamp(min=0), mask

    def loss(self):
        words, affixes, shapes, reverse, gold, mask = self.collate(self.order.next())
        # word dropout, as EntityTagger's @Forward does
        drop = torch.rand(words.shape) < self.meta["wordDropout"]
        words = torch.where(drop, torch.ones_like(words) * self.meta["unknown"], words)
        scores = self.model(words, affixes, shapes, reverse)
        log_probabilities = scores.log_softmax(2)
        one_hot = F.one_hot(gold, self.meta["tags"]).float()
        token_loss = -(log_probabilities * one_hot).sum(2) * mask
        return token_loss.sum() / mask.sum().clamp(min=1)


def main():
    threads = int(os.environ.get("TRAINKIT_BENCH_THREADS", "2"))
    torch.set_num_threads(threads)
    try:
        torch.set_num_interop_threads(1)
    except RuntimeError:
        pass
    say("ready torch=%s threads=%d blas=%s" % (torch.__version__, torch.get_num_threads(), blas_in_use()))
    task = None
    optimizer = None
    for line in sys.stdin:
        words = line.split()
        if not words:
            continue
        if words[0] == "quit":
            break
        if words[0] == "setup":
            kind, batch, path = words[1], int(words[2]), words[3]
            seed = int(words[4]) if len(words) > 4 else 42
            task = MlpTask(path, batch, seed) if kind == "mlp" else TaggerTask(path, batch, seed)
            task.model.train()
            optimizer = torch.optim.Adam(task.model.parameters(), lr=1e-3, betas=(0.9, 0.999), eps=1e-8)
            say("ok params=%d" % sum(p.numel() for p in task.model.parameters()))
        elif words[0] == "steps":
            n = int(words[1])
            total = 0.0
            begin = time.perf_counter()
            for _ in range(n):
                loss = task.loss()
                optimizer.zero_grad(set_to_none=True)
                loss.backward()
                optimizer.step()
                total += loss.item()
            say("time %.6f loss %.6f" % (time.perf_counter() - begin, total / n))
        else:
            say("error unknown command " + words[0])


if __name__ == "__main__":
    main()
