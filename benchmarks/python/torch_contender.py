#!/usr/bin/env python3
"""Contenders (d) and (e): the benchmark's models in PyTorch, from Python.

(d), `torch_contender.py`: what the Python systems trainkit replaces run: a torch.nn.Module,
torch.optim.Adam, and the usual loop -- per step: collate the batch from preprocessed examples,
forward, loss, zero_grad(set_to_none=True), backward, optimizer.step(), loss.item().

(e), `torch_contender.py --lightning`: the same module, data and optimizer through a
lightning.LightningModule and lightning.Trainer (logger, checkpointing, progress bar and model
summary off; the train loader is an iterable that collates each batch when asked, as (d) does). Each timing is one Trainer.fit of exactly n steps, timed by a callback
from the first batch's on_train_batch_start to the last batch's on_train_batch_end (Trainer
set-up and the fit's start and end are outside, as for trainkit's (a)).

Driven by the Java harness (org.trainkit.benchmarks.loop.PythonWorker) over stdin/stdout,
one command per line, so that its timings interleave with the Java contenders':

    setup <mlp|tagger|tagger-crf> <batch size> <data file> <seed>  ->  ok params=<n>
    steps <n>                                     ->  time <seconds for n optimizer steps> loss <mean>
    infer <batch size> <window>                   ->  time <seconds to predict every example> n <examples>
                                                      (window 0: batches in input order, unsorted)
    profile <n>                                   ->  ops <aten ops a step> top <top-level ones> names <JSON: top-level ones a step by name>
    quit

On start it prints `ready torch=<version> threads=<n> mkl=<bool> blas=<library> lightning=<version>`.
Everything else anything prints (Lightning's messages) goes to stderr. The data files are
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

# The protocol's channel; anything else that prints (Lightning does) goes to stderr.
PROTOCOL = sys.stdout
sys.stdout = sys.stderr


def say(line):
    PROTOCOL.write(line + "\n")
    PROTOCOL.flush()


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

    def collate(self, idx):
        return self.x[idx], self.y[idx]  # gather the batch's rows

    def loss_of(self, batch):
        x, y = batch
        return F.cross_entropy(self.model(x), y)

    def loss(self):
        return self.loss_of(self.collate(self.order.next()))


class TaggerTask:
    def __init__(self, path, batch, seed):
        self._read(path)
        torch.manual_seed(seed)
        self.model = Tagger(self.meta)
        self.order = Order(len(self.examples), batch, seed)

    def _read(self, path, characters=False):
        """The sizes line, then one example a line: word, affix, shape and tag ids (and, with
        characters, each word's character ids, padded, and their counts)."""
        with open(path) as f:
            self.meta = json.loads(f.readline())
            self.examples = []
            for line in f:
                e = json.loads(line)
                self.examples.append((
                    torch.tensor(e["w"], dtype=torch.long),
                    torch.tensor(e["a"], dtype=torch.long).reshape(-1, self.meta["affixesPerToken"]),
                    torch.tensor(e["s"], dtype=torch.long),
                    torch.tensor(e["t"], dtype=torch.long),
                    *(padded(e["c"]) if characters else ())))

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
        return self.loss_of(self.collate(self.order.next()))

    def loss_of(self, batch):
        words, affixes, shapes, reverse, gold, mask = batch
        # word dropout, as EntityTagger's @Forward does
        drop = torch.rand(words.shape) < self.meta["wordDropout"]
        words = torch.where(drop, torch.ones_like(words) * self.meta["unknown"], words)
        scores = self.model(words, affixes, shapes, reverse)
        log_probabilities = scores.log_softmax(2)
        one_hot = F.one_hot(gold, self.meta["tags"]).float()
        token_loss = -(log_probabilities * one_hot).sum(2) * mask
        return token_loss.sum() / mask.sum().clamp(min=1)


class CharCnn(nn.Module):
    """nlp's CharCnnWordEncoder (Ma & Hovy 2016): character embeddings, zeroed past each word's
    end, a Conv1d ("same" padding), the maximum of each filter over the word's characters; a
    padding word (0 characters) gets zeros."""

    def __init__(self, characters, dimension, filters, kernel):
        super().__init__()
        self.table = nn.Embedding(characters, dimension)
        nn.init.normal_(self.table.weight, std=0.1)
        self.convolution = nn.Conv1d(dimension, filters, kernel, padding=kernel // 2)

    def forward(self, ids, lengths):
        b, t, c = ids.shape
        lengths = lengths.reshape(b * t, 1)
        inside = torch.arange(c) < lengths  # (N, C)
        x = self.table(ids.reshape(b * t, c)) * inside.unsqueeze(2)  # (N, C, D)
        h = self.convolution(x.transpose(1, 2))  # (N, F, C)
        pooled = h.masked_fill(~inside.unsqueeze(1), -1e30).max(2).values  # (N, F)
        return pooled.masked_fill(lengths == 0, 0.0).reshape(b, t, -1)


class Crf(nn.Module):
    """A linear-chain CRF as pytorch-crf (kmkurn/pytorch-crf 0.7.2, batch_first) computes its
    log-likelihood: the forward algorithm vectorised over batch and tags, a loop over time, padding
    masked with torch.where; parameters initialised uniformly in [-0.1, 0.1]. Returns each
    sequence's negative log-likelihood. (pytorch-crf is not installable here; this is its
    algorithm, written out.) Like trainkit's, training sees every tag sequence: BIO constraints
    act on decoding only."""

    def __init__(self, tags):
        super().__init__()
        self.start_transitions = nn.Parameter(torch.empty(tags).uniform_(-0.1, 0.1))
        self.end_transitions = nn.Parameter(torch.empty(tags).uniform_(-0.1, 0.1))
        self.transitions = nn.Parameter(torch.empty(tags, tags).uniform_(-0.1, 0.1))

    def forward(self, emissions, tags, mask):
        emissions, tags, mask = emissions.transpose(0, 1), tags.transpose(0, 1), mask.transpose(0, 1)
        return self._normalizer(emissions, mask) - self._score(emissions, tags, mask)

    def _score(self, emissions, tags, mask):
        length, batch = tags.shape
        mask = mask.type_as(emissions)
        rows = torch.arange(batch)
        score = self.start_transitions[tags[0]] + emissions[0, rows, tags[0]]
        for i in range(1, length):
            score = score + self.transitions[tags[i - 1], tags[i]] * mask[i]
            score = score + emissions[i, rows, tags[i]] * mask[i]
        ends = mask.long().sum(dim=0) - 1
        return score + self.end_transitions[tags[ends, rows]]

    def _normalizer(self, emissions, mask):
        length = emissions.shape[0]
        score = self.start_transitions + emissions[0]
        for i in range(1, length):
            next_score = score.unsqueeze(2) + self.transitions + emissions[i].unsqueeze(1)
            next_score = torch.logsumexp(next_score, dim=1)
            score = torch.where(mask[i].unsqueeze(1), next_score, score)
        return torch.logsumexp(score + self.end_transitions, dim=1)


class CrfTagger(nn.Module):
    """examples/.../TaggerNetwork with EntityTaggerOptions.defaults(): word, affix and shape
    embeddings and a character CNN per word -> dropout -> BiLSTM (two one-way LSTMs) -> dropout ->
    scores -> a linear-chain CRF (applied in the loss)."""

    def __init__(self, m):
        super().__init__()
        self.words = nn.Embedding(m["vocabulary"], m["word"])
        self.affixes = nn.Embedding(m["affixBuckets"], m["affix"])
        self.shapes = nn.Embedding(m["shapes"], m["shape"])
        for table in (self.words, self.affixes, self.shapes):
            nn.init.normal_(table.weight, std=0.1)  # as trainkit's EmbeddingTable
        self.characters = CharCnn(m["characters"], m["character"], m["filters"], m["kernel"])
        features = m["word"] + m["affix"] * m["affixesPerToken"] + m["shape"] + m["filters"]
        self.forward_lstm = nn.LSTM(features, m["hidden"], batch_first=True)
        self.backward_lstm = nn.LSTM(features, m["hidden"], batch_first=True)
        self.dropout = nn.Dropout(m["dropout"])
        self.scores = nn.Linear(2 * m["hidden"], m["tags"])
        self.crf = Crf(m["tags"])

    def forward(self, words, affixes, shapes, reverse, characters, character_lengths):
        b, t = words.shape
        x = torch.cat([self.words(words), self.affixes(affixes).reshape(b, t, -1),
                       self.shapes(shapes), self.characters(characters, character_lengths)], 2)
        x = self.dropout(x)
        there, _ = self.forward_lstm(x)
        back, _ = self.backward_lstm(reversed_within(x, reverse))
        h = self.dropout(torch.cat([there, reversed_within(back, reverse)], 2))
        return self.scores(h)


def padded(words):
    """A sentence's character ids, one list per word: (words, longest) padded with 0, lengths."""
    width = max(1, max(len(w) for w in words))
    ids = torch.zeros(len(words), width, dtype=torch.long)
    for j, w in enumerate(words):
        ids[j, :len(w)] = torch.tensor(w, dtype=torch.long)
    return ids, torch.tensor([len(w) for w in words], dtype=torch.long)


class CrfTaggerTask(TaggerTask):
    """The default tagger's step: its inputs (character ids as the Java @Collate made them) and
    its loss, the CRF's negative log-likelihood summed over the batch / the batch's tokens."""

    def __init__(self, path, batch, seed):
        self._read(path, characters=True)
        torch.manual_seed(seed)
        self.model = CrfTagger(self.meta)
        self.order = Order(len(self.examples), batch, seed)

    def collate(self, idx):
        words, affixes, shapes, reverse, tags, mask = super().collate(idx)
        batch = [self.examples[i] for i in idx.tolist()]
        b, t = words.shape
        c = max(e[4].shape[1] for e in batch)
        characters = torch.zeros(b, t, c, dtype=torch.long)
        character_lengths = torch.zeros(b, t, dtype=torch.long)
        for i, e in enumerate(batch):
            n, w = e[4].shape
            characters[i, :n, :w] = e[4]
            character_lengths[i, :n] = e[5]
        return words, affixes, shapes, reverse, characters, character_lengths, tags, mask

    def loss_of(self, batch):
        words, affixes, shapes, reverse, characters, character_lengths, gold, mask = batch
        drop = torch.rand(words.shape) < self.meta["wordDropout"]
        words = torch.where(drop, torch.ones_like(words) * self.meta["unknown"], words)
        scores = self.model(words, affixes, shapes, reverse, characters, character_lengths)
        return self.model.crf(scores, gold, mask.bool()).sum() / mask.sum()


class PlainLoop:
    """(d): the usual hand-written loop."""

    def __init__(self, task):
        self.task = task
        self.optimizer = new_optimizer(task.model)

    def step(self):
        loss = self.task.loss()
        self.optimizer.zero_grad(set_to_none=True)
        loss.backward()
        self.optimizer.step()
        return loss.item()

    def steps(self, n):
        total = 0.0
        begin = time.perf_counter()
        for _ in range(n):
            total += self.step()
        return time.perf_counter() - begin, total / n


def new_optimizer(model):
    return torch.optim.Adam(model.parameters(), lr=1e-3, betas=(0.9, 0.999), eps=1e-8)


class Batches:
    """n batches, each collated when the loop asks for it, exactly as (d) makes them.

    Lightning takes any sized iterable as its train loader; a DataLoader over the same indices
    would add its per-item fetch, which (d) does not pay either.
    """

    def __init__(self, task, n):
        self.task, self.n = task, n

    def __len__(self):
        return self.n

    def __iter__(self):
        for _ in range(self.n):
            yield self.task.collate(self.task.order.next())


class LightningLoop:
    """(e): the same task through a LightningModule and lightning.Trainer."""

    def __init__(self, task):
        import lightning
        self.lightning = lightning
        self.task = task
        self.module = self._module(task)
        self.window = self._window()

    def _module(self, task):
        lightning = self.lightning

        class TaskModule(lightning.LightningModule):
            def __init__(self):
                super().__init__()
                self.model = task.model
                # one optimizer for the module's life: every fit continues its Adam state, as the
                # other contenders' steps do
                self.optimizer = new_optimizer(self.model)

            def training_step(self, batch, batch_idx):
                return task.loss_of(batch)

            def configure_optimizers(self):
                return self.optimizer

        return TaskModule()

    def _window(self):
        lightning = self.lightning

        class Window(lightning.Callback):
            """Times the first batch's start to the last batch's end; sums the losses."""

            def reset(self, n):
                self.n, self.begin, self.end, self.total = n, None, None, 0.0

            def on_train_batch_start(self, trainer, module, batch, batch_idx):
                if batch_idx == 0:
                    self.begin = time.perf_counter()

            def on_train_batch_end(self, trainer, module, outputs, batch, batch_idx):
                self.total += outputs["loss"].item()
                if batch_idx == self.n - 1:
                    self.end = time.perf_counter()

        return Window()

    def _loader(self, n):
        return Batches(self.task, n)

    def fit(self, n, callbacks=()):
        trainer = self.lightning.Trainer(
            accelerator="cpu", devices=1, max_steps=n, max_epochs=1, logger=False,
            enable_checkpointing=False, enable_progress_bar=False, enable_model_summary=False,
            num_sanity_val_steps=0, limit_val_batches=0, callbacks=[self.window, *callbacks])
        self.window.reset(n)
        trainer.fit(self.module, train_dataloaders=self._loader(n))
        if self.window.begin is None or self.window.end is None:
            raise RuntimeError("Lightning did not run %d steps" % n)

    def steps(self, n):
        self.fit(n)
        return self.window.end - self.window.begin, self.window.total / n


def infer(task, batch, window):
    """Predicts every example: eval mode, torch.inference_mode(), the best tag per token read back;
    batches sorted by length within windows (as trainkit's predict), or with window 0 in input
    order, as a plain inference loop takes them."""
    model = task.model
    model.eval()
    count = 0
    start = time.perf_counter()
    with torch.inference_mode():
        n = len(task.examples)
        step = window if window > 0 else n
        for w in range(0, n, step):
            order = list(range(w, min(n, w + step)))
            if window > 0:
                order.sort(key=lambda i: len(task.examples[i][0]))
            for b in range(0, len(order), batch):
                words, affixes, shapes, reverse, _, _ = task.collate(torch.tensor(order[b:b + batch]))
                best = model(words, affixes, shapes, reverse).argmax(2).tolist()
                count += len(best)
    seconds = time.perf_counter() - start
    model.train()
    return seconds, count


def aten_ops(events):
    """(all aten:: events, those with no aten:: event around them, the latter by name)."""
    total = 0
    top = {}
    for e in events:
        if not e.name.startswith("aten::"):
            continue
        total += 1
        parent = e.cpu_parent
        while parent is not None and not parent.name.startswith("aten::"):
            parent = parent.cpu_parent
        if parent is None:
            top[e.name] = top.get(e.name, 0) + 1
    return total, top


def profile(loop, n):
    """Aten ops a step over n steps, counted by torch.profiler (CPU activities)."""
    from torch.profiler import ProfilerActivity, profile as torch_profile
    with torch_profile(activities=[ProfilerActivity.CPU]) as prof:
        loop.steps(n)
    total, top = aten_ops(prof.events())
    return total / n, sum(top.values()) / n, {k: v / n for k, v in sorted(top.items())}


def lightning_version():
    try:
        import lightning
        return lightning.__version__
    except ImportError:
        return "none"


def main():
    lightning = "--lightning" in sys.argv[1:]
    threads = int(os.environ.get("TRAINKIT_BENCH_THREADS", "2"))
    torch.set_num_threads(threads)
    try:
        torch.set_num_interop_threads(1)
    except RuntimeError:
        pass
    if lightning:
        import logging
        import warnings
        warnings.filterwarnings("ignore")  # e.g. "the DataLoader has no workers": by design here
        logging.getLogger("lightning").setLevel(logging.ERROR)
        logging.getLogger("lightning.pytorch").setLevel(logging.ERROR)
        import lightning  # noqa: F401  (fails here, with its message, when it is missing)
    say("ready torch=%s threads=%d mkl=%s blas=%s lightning=%s" % (
        torch.__version__, torch.get_num_threads(), torch.backends.mkl.is_available(), blas_in_use(),
        lightning_version()))
    loop = None
    for line in sys.stdin:
        words = line.split()
        if not words:
            continue
        if words[0] == "quit":
            break
        try:
            if words[0] == "setup":
                kind, batch, path = words[1], int(words[2]), words[3]
                seed = int(words[4]) if len(words) > 4 else 42
                task = {"mlp": MlpTask, "tagger": TaggerTask, "tagger-crf": CrfTaggerTask}[kind](path, batch, seed)
                task.model.train()
                loop = LightningLoop(task) if lightning else PlainLoop(task)
                say("ok params=%d" % sum(p.numel() for p in task.model.parameters()))
            elif words[0] == "steps":
                seconds, loss = loop.steps(int(words[1]))
                say("time %.6f loss %.6f" % (seconds, loss))
            elif words[0] == "infer":
                seconds, count = infer(loop.task, int(words[1]), int(words[2]))
                say("time %.6f n %d" % (seconds, count))
            elif words[0] == "profile":
                total, top, names = profile(loop, int(words[1]))
                say("ops %.2f top %.2f names %s" % (total, top, json.dumps(names, separators=(",", ":"))))
            else:
                say("error unknown command " + words[0])
        except Exception as e:  # the harness shows it; the worker stays up
            import traceback
            traceback.print_exc()
            say("error %s: %s" % (type(e).__name__, str(e).replace("\n", " ")))


if __name__ == "__main__":
    main()
