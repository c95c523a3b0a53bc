#!/usr/bin/env python3
"""The numpy reference for `npm run bench`: the Stockholm licence Monte Carlo
that `andel simulate sthlm-2020 --vary licence.total=uniform(1000000,2000000)
--vary population=uniform(-0.05,0.05)` does, written the way a data scientist
would write it, vectorised over runs.

Per run: a licence total drawn uniformly (to the öre), every municipality's
population moved by a uniform -5 … +5 %, the total split by population share
with largest-remainder rounding to the öre (ties to the lower municipality
code), each municipality capped at 615 312 kr with the region carrying what
the caps hold back. Then, per party, the nearest-rank P5/P50/P95 and the mean.
It draws from numpy's own generator, so its figures are not andel's: it is a
reference for time, not for numbers.

Usage: python3 montecarlo_numpy.py POPULATION_CSV [--runs N] [--seed S]
"""
import argparse
import csv
import json
import math
import resource
import sys

import numpy as np

CHUNK = 250_000  # runs computed at a time (bounds the temporaries)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("population")
    ap.add_argument("--runs", type=int, default=100_000)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--total-min", type=float, default=1_000_000)
    ap.add_argument("--total-max", type=float, default=2_000_000)
    ap.add_argument("--cap", type=float, default=615_312)
    ap.add_argument("--spread", type=float, default=0.05)
    a = ap.parse_args()

    with open(a.population, encoding="utf-8") as f:
        rows = sorted((r["kommunkod"], int(r["folkmangd"])) for r in csv.DictReader(f) if len(r["kommunkod"]) == 4)
    codes = [c for c, _ in rows]
    base = np.array([p for _, p in rows], dtype=np.float64)
    n = len(codes)
    cap = round(a.cap * 100)
    # Tie-break part of the sort key: the lower code wins an equal remainder.
    tie = (n - 1 - np.arange(n)).astype(np.int64)

    rng = np.random.default_rng(a.seed)
    out = np.empty((a.runs, n + 1), dtype=np.int64)  # municipalities, then the region
    for start in range(0, a.runs, CHUNK):
        m = min(CHUNK, a.runs - start)
        total = np.rint(rng.uniform(a.total_min, a.total_max, m) * 100).astype(np.int64)
        pop = np.rint(base * (1 + rng.uniform(-a.spread, a.spread, (m, n)))).astype(np.int64)
        W = pop.sum(axis=1)
        prod = total[:, None] * pop  # < 2^63 for totals and populations of this size
        share = prod // W[:, None]
        rem = prod - share * W[:, None]
        left = total - share.sum(axis=1)
        # Largest remainder: rank the remainders per run, the `left` largest get one öre.
        key = rem * n + tie
        order = np.argsort(-key, axis=1)
        ranks = np.empty_like(order)
        np.put_along_axis(ranks, order, np.arange(n)[None, :].repeat(m, axis=0), axis=1)
        share += ranks < left[:, None]
        capped = np.minimum(share, cap)
        out[start:start + m, :n] = capped
        out[start:start + m, n] = (share - capped).sum(axis=1)

    k = [max(0, math.ceil(p / 100 * a.runs - 1e-9) - 1) for p in (5, 50, 95)]
    part = np.partition(out, k, axis=0)
    means = out.sum(axis=0) / a.runs
    result = {
        "runs": a.runs,
        "parties": [
            {"code": code, "p5": int(part[k[0], j]), "p50": int(part[k[1], j]), "p95": int(part[k[2], j]), "mean": float(means[j])}
            for j, code in enumerate(codes + ["01"])
        ],
    }
    json.dump(result, sys.stdout)
    sys.stdout.write("\n")
    # Peak resident memory (kB on Linux), in the form bench/max-rss.ts prints it for andel.
    sys.stderr.write(f"andel-bench-max-rss-kb {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss}\n")


if __name__ == "__main__":
    main()
