#!/usr/bin/env python3
"""Searches for an explicit Runge-Kutta tableau with S stages and order P, numerically.

    /usr/bin/python3 bench/scripts/linear_order_barrier.py [S] [P] [linear|general] [STARTS] [SEED]

(defaults 5 5 linear 100 0; needs numpy and scipy). Prints the smallest maximum residual of the order
conditions that least squares reached over STARTS random starting tableaus: ~1e-15 when such a
method exists, orders of magnitude above it when none was found.

Why: the adjoint pass adds dL/dz(t_i) at every output time, so each output interval is a fresh
initial-value problem and costs a one-step method its full stage count. Butcher's barrier says
order 5 needs 6 stages for general ODEs (17 conditions: one per rooted tree with at most 5
vertices). With z(t) given, the adjoint equation a' = -J(z(t))^T a is linear and time-varying,
y' = M(t) y, and only the trees in which every vertex has at most one child that is not a leaf
remain (a second derivative in y vanishes; the t-component's derivatives vanish): 16 conditions. With
5 stages that is 16 equations in 15 unknowns (10 entries of A, 5 of b; c = A 1). "linear 5 5"
finds no solution (2e-5 over 250 starts, seeds 0 and 1, 2026-11-29), as "general 5 5" does not;
"general 4 4" finds classical fourth-order tableaus at once, as a check of the search.
"""
import sys

import numpy as np
from scipy.optimize import least_squares


def trees(n, cache={}):
    """Rooted trees with n vertices, each a sorted tuple of its children."""
    if n == 1:
        return [()]
    if n in cache:
        return cache[n]
    found = set()

    def children(remaining, largest, acc):
        if remaining == 0:
            found.add(tuple(sorted(acc)))
            return
        for k in range(1, remaining + 1):
            for t in trees(k):
                if largest is None or (k, t) <= largest:
                    children(remaining - k, (k, t), acc + [t])

    children(n - 1, None, [])
    cache[n] = sorted(found)
    return cache[n]


def density(t):
    """gamma(t): the tree's order times the densities of its subtrees."""
    return (1 + sum(size(c) for c in t)) * int(np.prod([density(c) for c in t])) if t else 1


def size(t):
    return 1 + sum(size(c) for c in t)


def linear_time_varying(t):
    """Whether the tree's elementary differential survives for y' = M(t) y."""
    return sum(1 for c in t if c) <= 1 and all(linear_time_varying(c) for c in t)


def main():
    stages = int(sys.argv[1]) if len(sys.argv) > 1 else 5
    order = int(sys.argv[2]) if len(sys.argv) > 2 else 5
    linear = (sys.argv[3] if len(sys.argv) > 3 else "linear") == "linear"
    starts = int(sys.argv[4]) if len(sys.argv) > 4 else 100
    seed = int(sys.argv[5]) if len(sys.argv) > 5 else 0
    conditions = [t for n in range(1, order + 1) for t in trees(n) if not linear or linear_time_varying(t)]
    below = [(i, j) for i in range(stages) for j in range(i)]
    print("%d conditions, %d unknowns" % (len(conditions), len(below) + stages), flush=True)

    def weights(t, a):
        v = np.ones(stages)
        for c in t:
            v = v * (a @ weights(c, a))
        return v

    def residuals(x):
        a = np.zeros((stages, stages))
        for k, (i, j) in enumerate(below):
            a[i, j] = x[k]
        b = x[len(below):]
        return np.array([b @ weights(t, a) - 1.0 / density(t) for t in conditions])

    rng = np.random.default_rng(seed)
    best = np.inf
    for start in range(starts):
        x0 = rng.normal(0, 1, len(below) + stages)
        method = "lm" if len(conditions) >= len(x0) else "trf"
        fit = least_squares(residuals, x0, method=method, xtol=1e-15, ftol=1e-15, gtol=1e-15, max_nfev=3000)
        best = min(best, np.max(np.abs(fit.fun)))
        if best < 1e-13:
            break
    print("smallest maximum residual %.3g after %d starts" % (best, start + 1))


if __name__ == "__main__":
    main()
