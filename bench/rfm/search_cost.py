#!/usr/bin/env python3
"""Flop model of one layer's probe search, op by op as the CPU backend issues them (the same
nominal counts FlopCounter adds), for the original per-target search ('full') and the halving
search ('asha'). Checked against the counted flops of SearchBenchmark timing at its shape, then
used to project the paper's search (n = 7,000, d = 2,048, 100 trials, 15 iterations, 48 layers).

usage: search_cost.py N D NVAL NTEST CLASSES TRIALS ITERS [RUNGS ETA [KEEP]]

Also prints 'shared' (the exhaustive search of the shared draws, every trial of every target to
the end as independent fits with the cheaper exact AGOP: the reference of the quality comparison).
asha assumes no ties (tie promotion can only add trials) and a test prediction at every scored fit.
"""
import sys


def upper_gram(n, d):
    block = max(256, (n + 7) // 8)
    f = 0
    for j0 in range(0, n, block):
        j1 = min(n, j0 + block)
        f += 2 * j1 * (j1 - j0) * d
    return f


def predict(nq, n, d, c, identity):
    # query transform (M != I), cross Gram, K·alpha
    return (0 if identity else 2 * nq * d * d) + (0 if identity else 2 * nq * n * d) + 2 * nq * n * c


def solve(n, d, c, identity):
    # X·M, upper Gram (cached when M = I), Cholesky, triangular solves
    return (0 if identity else 2 * n * d * d + upper_gram(n, d)) + n ** 3 / 3 + 2 * n * n * c


def centring(n, d, c):
    return 2 * n * n * (c + 1) + 2 * d * n


def agop(n, d, c, gram, center=0.5):
    if gram:
        a = n * (n + 1) * n + 2 * n * n * c + 2 * n * (n + 1) * c + n * (n + 1) * c + 2 * n * n + 2 * n * n * d + 2 * d * d * n
    else:
        a = c * (2 * n * n * (d + 1) + n * d * (d + 1))
    return a + center * centring(n, d, c)


def use_gram(n, d, c):
    per = c * (2.0 * n * n * (d + 1) + n * d * (d + 1))
    g = n * n * (n + 1) + 2.0 * n * n * d + 2.0 * n * d * d + 6.0 * n * n * c
    return c > 1 and g < per


def full_trial(n, d, nv, nt, c, iters, gram=False):
    """Rfm.fit with per-output AGOPs, then ProbeSearch.run's val and test predictions of the best fit."""
    f = solve(n, d, c, True) + predict(nv, n, d, c, True)
    f += iters * (agop(n, d, c, gram) + solve(n, d, c, False) + predict(nv, n, d, c, False))
    return f + predict(nv, n, d, c, False) + predict(nt, n, d, c, False)


def promoted(k, eta, keep):
    return min(k, max(keep, k // eta))


def asha_target(n, d, nv, nt, c, trials, rungs, eta, gram, keep=1):
    """One target's halving after the shared fit 0 (test predictions counted at every scored fit: an upper bound)."""
    alive = trials
    f = 0
    if rungs[0] != 0:
        raise SystemExit("model assumes rung 0 first")
    alive = promoted(alive, eta, keep)
    for i in range(1, len(rungs)):
        prev, cur = rungs[i - 1], rungs[i]
        per = solve(n, d, c, prev == 0)  # re-solve the last fit for its AGOP
        per += (cur - prev) * (agop(n, d, c, gram) + solve(n, d, c, False) + predict(nv, n, d, c, False)
                               + predict(nt, n, d, c, False))
        f += alive * per
        alive = promoted(alive, eta, keep) if i < len(rungs) - 1 else 0
    return f


def layer(n, d, nv, nt, classes, trials, iters, rungs, eta, keep=1):
    targets = [1] * classes + [classes] if classes > 1 else [1]
    full = sum(trials * full_trial(n, d, nv, nt, c, iters) for c in targets)
    shared_full = sum(trials * full_trial(n, d, nv, nt, c, iters, use_gram(n, d, c)) for c in targets)
    union = classes if classes > 1 else 1
    shared = trials * (solve(n, d, union, True) + predict(nv, n, d, union, True) + predict(nt, n, d, union, True))
    asha = shared + sum(asha_target(n, d, nv, nt, c, trials, rungs, eta, use_gram(n, d, c), keep) for c in targets)
    return full, shared_full, asha


if __name__ == "__main__":
    a = sys.argv[1:]
    n, d, nv, nt, classes, trials, iters = map(int, a[:7])
    rungs = [int(x) for x in a[7].split(",")] if len(a) > 7 else [r for r in (0, 1, 3, 7) if r < iters] + [iters]
    eta = int(a[8]) if len(a) > 8 else 3
    keep = int(a[9]) if len(a) > 9 else 1
    full, shared_full, asha = layer(n, d, nv, nt, classes, trials, iters, rungs, eta, keep)
    print(f"n={n} d={d} val={nv} test={nt} classes={classes} trials={trials} iters={iters} rungs={rungs} eta={eta} "
          f"keep={keep}")
    print(f"full {full:.4e} flops, shared {shared_full:.4e}, asha {asha:.4e} flops (asha: upper bound), "
          f"ratio full/asha {full / asha:.2f}, shared/asha {shared_full / asha:.2f}")
