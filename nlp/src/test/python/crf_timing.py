"""Times a standard linear-chain CRF (pytorch-crf's algorithm, written out) in current PyTorch:
NLL + backward and Viterbi per batch of 32 sequences, 30 steps, 9 tags, lengths 10-30 -- the
counterpart of org.trainkit.nlp.crf.CrfTimingMain. Not part of CI (CI has no Python).

    python3 -m venv /tmp/crf-venv && /tmp/crf-venv/bin/pip install torch
    /tmp/crf-venv/bin/python nlp/src/test/python/crf_timing.py [rounds] [iterations] [threads]
"""
import sys
import time

import torch


class CRF(torch.nn.Module):
    """pytorch-crf's CRF (batch_first, reduction over the batch), forward and Viterbi."""

    def __init__(self, num_tags):
        super().__init__()
        self.start_transitions = torch.nn.Parameter(torch.empty(num_tags).uniform_(-0.1, 0.1))
        self.end_transitions = torch.nn.Parameter(torch.empty(num_tags).uniform_(-0.1, 0.1))
        self.transitions = torch.nn.Parameter(torch.empty(num_tags, num_tags).uniform_(-0.1, 0.1))

    def forward(self, emissions, tags, mask):  # emissions (B, T, K): negative log-likelihood
        emissions, tags, mask = emissions.transpose(0, 1), tags.transpose(0, 1), mask.transpose(0, 1)
        return (self._normalizer(emissions, mask) - self._score(emissions, tags, mask)).mean()

    def _score(self, emissions, tags, mask):
        seq_length, batch_size = tags.shape
        maskf = mask.type_as(emissions)
        score = self.start_transitions[tags[0]] + emissions[0, torch.arange(batch_size), tags[0]]
        for i in range(1, seq_length):
            score = score + self.transitions[tags[i - 1], tags[i]] * maskf[i]
            score = score + emissions[i, torch.arange(batch_size), tags[i]] * maskf[i]
        seq_ends = mask.long().sum(dim=0) - 1
        last_tags = tags[seq_ends, torch.arange(batch_size)]
        return score + self.end_transitions[last_tags]

    def _normalizer(self, emissions, mask):
        seq_length = emissions.size(0)
        score = self.start_transitions + emissions[0]
        for i in range(1, seq_length):
            next_score = score.unsqueeze(2) + self.transitions + emissions[i].unsqueeze(1)
            next_score = torch.logsumexp(next_score, dim=1)
            score = torch.where(mask[i].unsqueeze(1), next_score, score)
        return torch.logsumexp(score + self.end_transitions, dim=1)

    @torch.no_grad()
    def decode(self, emissions, mask):
        emissions, mask = emissions.transpose(0, 1), mask.transpose(0, 1)
        seq_length, batch_size = mask.shape
        score = self.start_transitions + emissions[0]
        history = []
        for i in range(1, seq_length):
            next_score = score.unsqueeze(2) + self.transitions + emissions[i].unsqueeze(1)
            next_score, indices = next_score.max(dim=1)
            score = torch.where(mask[i].unsqueeze(1), next_score, score)
            history.append(indices)
        score = score + self.end_transitions
        seq_ends = mask.long().sum(dim=0) - 1
        best_tags_list = []
        history = torch.stack(history).tolist() if history else []
        last = score.argmax(dim=1).tolist()
        for idx in range(batch_size):
            best_tags = [last[idx]]
            for hist in reversed(history[: seq_ends[idx]]):
                best_tags.append(hist[idx][best_tags[-1]])
            best_tags.reverse()
            best_tags_list.append(best_tags)
        return best_tags_list


def main():
    rounds = int(sys.argv[1]) if len(sys.argv) > 1 else 5
    iterations = int(sys.argv[2]) if len(sys.argv) > 2 else 300
    torch.set_num_threads(int(sys.argv[3]) if len(sys.argv) > 3 else 1)
    torch.manual_seed(1)
    batch, steps, tags = 32, 30, 9
    lengths = torch.randint(10, steps + 1, (batch,))
    lengths[0] = steps
    mask = torch.arange(steps).unsqueeze(0) < lengths.unsqueeze(1)
    gold = torch.randint(0, tags, (batch, steps))
    emissions = torch.randn(batch, steps, tags)
    crf = CRF(tags)
    print(f"torch {torch.__version__}, {torch.get_num_threads()} threads")
    for r in range(rounds):
        for i in range(-min(50, iterations), iterations):
            if i == 0:
                start = time.perf_counter()
            e = emissions.clone().requires_grad_(True)
            crf.zero_grad()
            crf(e, gold, mask).backward()
        train = (time.perf_counter() - start) * 1000 / iterations
        for i in range(-min(50, iterations), iterations):
            if i == 0:
                start = time.perf_counter()
            crf.decode(emissions, mask)
        decode = (time.perf_counter() - start) * 1000 / iterations
        print(f"round {r}: NLL+backward {train:.3f} ms/batch, Viterbi {decode:.3f} ms/batch")


if __name__ == "__main__":
    main()
