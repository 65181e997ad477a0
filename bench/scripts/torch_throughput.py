#!/usr/bin/env python3
"""PyTorch's side of LargeMlpThroughput: float64 on the CPU at a fixed thread count.

Times torch.mm on [batch, width] x [width, width] and, for the MLP Linear(width, width), Tanh,
Linear(width, width) on a [batch, width] input, one forward pass (no_grad) and one forward pass
plus the vector-Jacobian product with respect to the input and all parameters
(torch.autograd.grad). Prints one JSON line: best-of-reps seconds and GFLOP/s.
Run: /usr/bin/python3 bench/scripts/torch_throughput.py --threads 1
"""
import argparse
import json
import os
import time

ap = argparse.ArgumentParser()
ap.add_argument("--threads", type=int, default=1)
ap.add_argument("--batch", type=int, default=4096)
ap.add_argument("--width", type=int, default=512)
ap.add_argument("--reps", type=int, default=5)
args = ap.parse_args()
# The BLAS under torch.mm (OpenBLAS or MKL) keeps its own thread pool: pin it too, before the import.
for var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ[var] = str(args.threads)

import torch  # noqa: E402
import torch.nn as nn  # noqa: E402

torch.set_num_threads(args.threads)
torch.manual_seed(0)
dt = torch.float64
B, W = args.batch, args.width


def best(f, reps):
    f()  # warm-up
    f()
    times = []
    for _ in range(reps):
        t = time.perf_counter()
        f()
        times.append(time.perf_counter() - t)
    return min(times)


a = torch.randn(B, W, dtype=dt)
b = torch.randn(W, W, dtype=dt)
mm = best(lambda: torch.mm(a, b), args.reps)

net = nn.Sequential(nn.Linear(W, W), nn.Tanh(), nn.Linear(W, W)).to(dt)
x = torch.randn(B, W, dtype=dt, requires_grad=True)
v = torch.randn(B, W, dtype=dt)
params = [x] + list(net.parameters())


def forward():
    with torch.no_grad():
        net(x)


def vjp():
    torch.autograd.grad(net(x), params, v)


fwd = best(forward, args.reps)
fv = best(vjp, args.reps)
flop_mm = 2.0 * B * W * W
print(json.dumps({
    "torch": torch.__version__, "threads": args.threads, "batch": B, "width": W,
    "mm_s": mm, "mm_gflops": flop_mm / mm / 1e9,
    "mlp_forward_s": fwd, "mlp_forward_gflops": 2 * flop_mm / fwd / 1e9,
    "mlp_forward_vjp_s": fv, "mlp_forward_vjp_gflops": 6 * flop_mm / fv / 1e9,
}), flush=True)
