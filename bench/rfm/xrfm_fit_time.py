"""Times the public xRFM `RFM.fit` on data written by RfmBenchmark --dump (comparison only).

usage: PYTHONPATH=<xRFM checkout> python3 xrfm_fit_time.py DIR n:d [n:d ...]
Same settings as RfmBenchmark: kernel l2_high_dim, bandwidth 10, q 1, reg 1e-3, 15 iterations,
MSE tuning, no early stopping, float32 on the CPU with 2 threads.
"""
import json
import sys
import time

import numpy as np
import torch
from xrfm.rfm_src import RFM

torch.set_num_threads(2)
ITERS = int(__import__("os").environ.get("ITERS", "15"))


def load(base):
    meta = json.load(open(base + ".json"))
    n, nv, d = meta["n"], meta["n_val"], meta["d"]
    x = np.fromfile(base + ".x.f32", dtype="<f4").reshape(n + nv, d)
    y = np.fromfile(base + ".y.f32", dtype="<f4").reshape(n + nv, 1)
    t = lambda a: torch.from_numpy(np.ascontiguousarray(a))
    return t(x[:n]), t(y[:n]), t(x[n:]), t(y[n:])


def fit(xtr, ytr, xva, yva, iters):
    model = RFM(kernel="l2_high_dim", iters=iters, bandwidth=10.0, exponent=1.0, device="cpu", verbose=False,
                tuning_metric="mse")
    t0, c0 = time.perf_counter(), time.process_time()
    model.fit((xtr, ytr), (xva, yva), iters=iters, reg=1e-3, center_grads=False, early_stop_rfm=False,
              verbose=False)
    return time.perf_counter() - t0, time.process_time() - c0, model


d0 = sys.argv[1]
g = torch.Generator().manual_seed(0)
w = torch.randn(480, 64, generator=g)
fit(w[:400], (w[:400, :1] > 0).float(), w[400:], (w[400:, :1] > 0).float(), 2)  # warm-up
print(f"# torch {torch.__version__}, {torch.get_num_threads()} threads, iters {ITERS}")
for nd in sys.argv[2:]:
    n, d = nd.split(":")
    xtr, ytr, xva, yva = load(f"{d0}/rfm_{n}_{d}")
    sec, cpu, model = fit(xtr, ytr, xva, yva, ITERS)
    mse = ((model.predict(xva) - yva) ** 2).mean().item()
    print(f"n={n} d={d} iters={ITERS} fit_s={sec:.2f} cpu_s={cpu:.2f} best_iter={model.best_iter} val_mse={mse:.5f}", flush=True)
