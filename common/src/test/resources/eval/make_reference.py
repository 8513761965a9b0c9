#!/usr/bin/env python3
"""Reference values for FrechetDistanceTest and MmdTest, computed independently with SciPy/NumPy.

FD follows fadtk's calc_frechet_distance: numpy.cov(rowvar=False) and scipy.linalg.sqrtm(S1 @ S2),
real part of the trace. MMD is the unbiased estimator with exp(-d^2 / (2 sigma^2)), sigma the
median of scipy.spatial.distance.pdist over the pooled set (or fixed). Run:
    python3 make_reference.py > reference.json
"""
import json

import numpy as np
from scipy import linalg
from scipy.spatial.distance import cdist, pdist


def frechet(x, y):
    mu1, mu2 = x.mean(0), y.mean(0)
    s1, s2 = np.cov(x, rowvar=False), np.cov(y, rowvar=False)
    covmean = linalg.sqrtm(s1.dot(s2))
    if np.iscomplexobj(covmean):
        covmean = covmean.real
    diff = mu1 - mu2
    return float(diff.dot(diff) + np.trace(s1) + np.trace(s2) - 2 * np.trace(covmean))


def mmd2(x, y, sigma=None):
    if sigma is None:
        sigma = float(np.median(pdist(np.vstack([x, y]))))
    g = 1.0 / (2 * sigma ** 2)
    kxx = np.exp(-g * cdist(x, x, "sqeuclidean"))
    kyy = np.exp(-g * cdist(y, y, "sqeuclidean"))
    kxy = np.exp(-g * cdist(x, y, "sqeuclidean"))
    m, n = len(x), len(y)
    v = ((kxx.sum() - np.trace(kxx)) / (m * (m - 1)) + (kyy.sum() - np.trace(kyy)) / (n * (n - 1))
         - 2 * kxy.mean())
    return float(v), sigma


def main():
    rng = np.random.default_rng(20261130)
    cases = []
    for name, m, n, d, shift in [("small", 40, 50, 5, 0.5), ("wide", 60, 70, 16, 0.2), ("noshift", 80, 90, 8, 0.0)]:
        a = rng.normal(size=(d, d)) / np.sqrt(d)
        x = rng.normal(size=(m, d))
        y = rng.normal(size=(n, d)) @ (np.eye(d) + a) + shift
        median, sigma = mmd2(x, y)
        fixed, _ = mmd2(x, y, 2.0)
        cases.append({"name": name, "x": x.tolist(), "y": y.tolist(), "fd": frechet(x, y),
                      "mmd2_median": median, "sigma_median": sigma, "mmd2_fixed2": fixed})
    print(json.dumps({"generator": "make_reference.py", "numpy": np.__version__,
                      "scipy": __import__("scipy").__version__, "cases": cases}))


if __name__ == "__main__":
    main()
