"""Writes reference optimizer trajectories from real PyTorch for OptimizerTrajectoryTest.

Run from the repository root (needs torch; CI does not run this, it reads the committed fixture):

    python3 runtime/src/test/python/optimizer_trajectories.py \
        > runtime/src/test/resources/optim/torch_trajectories.txt

The problem: two float32 parameters, "weight" (2, 3) and "bias" (3,), and the gradient
g = c * w + e, computed in float32 as two separate operations (a multiply, then an add), which
Java's float arithmetic reproduces bit for bit. So the only difference between torch and trainkit
is the optimizer's own arithmetic. Values stay well away from zero, so relative errors mean
something.

Output: a '#' header naming the torch version; one 'problem' block (names, shapes, c, e, initial
values); then per case a 'case' line with its hyper-parameters, 'lr' lines with the rate torch
used at each step, and 'step k' lines with every parameter value after step k (k = 0 is the
start), parameters in order, flattened row-major. Floats are printed with repr() of the float32
value, which Java parses back exactly.
"""
import sys

import torch

STEPS = 25

SHAPES = [("weight", (2, 3)), ("bias", (3,))]
C = [1.0, 2.0, 0.5, 1.5, 0.75, 1.25, 0.6, 1.8, 0.9]
E = [-2.0, -5.0, -1.5, 3.0, 2.25, -2.5, 1.2, -3.6, -2.7]
W0 = [3.0, 3.5, 4.0, -1.5, -4.0, 1.5, -3.0, 1.0, 2.5]

CASES = [
    ("adam", dict(optimizer="adam", lr=0.05, beta1=0.9, beta2=0.999, eps=1e-8, weight_decay=0.01)),
    ("adamw", dict(optimizer="adamw", lr=0.05, beta1=0.9, beta2=0.999, eps=1e-8, weight_decay=0.1)),
    ("sgd_momentum", dict(optimizer="sgd", lr=0.05, momentum=0.9, nesterov=0, weight_decay=0.01)),
    ("sgd_nesterov", dict(optimizer="sgd", lr=0.05, momentum=0.9, nesterov=1, weight_decay=0.01)),
    # with a learning-rate schedule driving the steps (and an epsilon large enough that where
    # Adam adds it, inside or outside the bias correction, shows)
    ("adamw_cosine", dict(optimizer="adamw", lr=0.1, beta1=0.9, beta2=0.99, eps=0.05,
                          weight_decay=0.05, schedule="cosine", min_lr=0.001, t_max=STEPS)),
    ("sgd_step", dict(optimizer="sgd", lr=0.08, momentum=0.5, nesterov=0, weight_decay=0.02,
                      schedule="step", step_size=7, gamma=0.5)),
]


def split(values):
    out, start = [], 0
    for _, shape in SHAPES:
        n = 1
        for d in shape:
            n *= d
        out.append(torch.tensor(values[start:start + n], dtype=torch.float32).reshape(shape))
        start += n
    return out


def fmt(values):
    return " ".join(repr(float(v)) for v in values)


def flat(params):
    return [v for p in params for v in p.detach().reshape(-1).tolist()]


def optimizer(case, params):
    if case["optimizer"] == "adam":
        return torch.optim.Adam(params, lr=case["lr"], betas=(case["beta1"], case["beta2"]),
                                eps=case["eps"], weight_decay=case["weight_decay"], foreach=False)
    if case["optimizer"] == "adamw":
        return torch.optim.AdamW(params, lr=case["lr"], betas=(case["beta1"], case["beta2"]),
                                 eps=case["eps"], weight_decay=case["weight_decay"], foreach=False)
    return torch.optim.SGD(params, lr=case["lr"], momentum=case["momentum"],
                           nesterov=bool(case["nesterov"]), weight_decay=case["weight_decay"],
                           foreach=False)


def scheduler(case, opt):
    kind = case.get("schedule")
    if kind == "cosine":
        return torch.optim.lr_scheduler.CosineAnnealingLR(opt, T_max=case["t_max"], eta_min=case["min_lr"])
    if kind == "step":
        return torch.optim.lr_scheduler.StepLR(opt, step_size=case["step_size"], gamma=case["gamma"])
    return None


def run(name, case, out):
    params = [p.requires_grad_(True) for p in split(W0)]
    cs, es = split(C), split(E)
    opt = optimizer(case, params)
    sched = scheduler(case, opt)
    out.write("case " + name + " " + " ".join(f"{k}={v}" for k, v in case.items()) + "\n")
    rates = []
    rows = ["step 0 " + fmt(flat(params))]
    for step in range(1, STEPS + 1):
        rates.append(opt.param_groups[0]["lr"])
        with torch.no_grad():
            for p, c, e in zip(params, cs, es):
                p.grad = torch.add(torch.mul(c, p), e)  # two roundings, as in Java
        opt.step()
        if sched is not None:
            sched.step()
        rows.append(f"step {step} " + fmt(flat(params)))
    out.write("lr " + " ".join(repr(r) for r in rates) + "\n")
    out.write("\n".join(rows) + "\n")


def main(out):
    torch.set_num_threads(1)
    out.write(f"# torch {torch.__version__} trajectories, written by "
              "runtime/src/test/python/optimizer_trajectories.py; do not edit by hand\n")
    out.write(f"problem steps={STEPS} " + " ".join(f"{n}={'x'.join(map(str, s))}" for n, s in SHAPES) + "\n")
    out.write("c " + fmt(torch.tensor(C, dtype=torch.float32).tolist()) + "\n")
    out.write("e " + fmt(torch.tensor(E, dtype=torch.float32).tolist()) + "\n")
    out.write("w0 " + fmt(torch.tensor(W0, dtype=torch.float32).tolist()) + "\n")
    for name, case in CASES:
        run(name, case, out)


if __name__ == "__main__":
    main(sys.stdout)
