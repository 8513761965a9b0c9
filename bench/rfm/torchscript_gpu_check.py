"""Loads the TorchScript linear-algebra archive that TorchLinalg writes and runs it on CUDA.

usage: python3 torchscript_gpu_check.py rfmlinalg.pt   (written by org.musicrfm.rfm.torch.TorchLinalg.writeArchive)
Checks, on the GPU in float32 and float64: the Cholesky path, the LU path (indefinite matrix),
the shifted-LU path (singular matrix) and eigh, against their definitions.
"""
import sys

import torch

m = torch.jit.load(sys.argv[1], map_location="cuda")
dev = torch.device("cuda")
print(torch.__version__, torch.cuda.get_device_name(0))
for dt in (torch.float32, torch.float64):
    g = torch.Generator(device="cpu").manual_seed(0)
    b = torch.randn(512, 512, generator=g, dtype=torch.float64)
    a = (b @ b.T / 512 + torch.eye(512, dtype=torch.float64)).to(dev, dt)
    y = torch.randn(512, 3, generator=g, dtype=torch.float64).to(dev, dt)
    x, method, shift = m("solve", [a, y])
    res = ((a @ x - y).norm() / y.norm()).item()
    print(dt, "cholesky: method", int(method.item()), "residual", f"{res:.2e}", x.device)
    ind = torch.tensor([[1.0, 2.0], [2.0, 1.0]], dtype=dt, device=dev)
    x, method, shift = m("solve", [ind, torch.tensor([[3.0], [3.0]], dtype=dt, device=dev)])
    print(dt, "indefinite: method", int(method.item()), "x", x.flatten().tolist())
    sing = torch.ones(3, 3, dtype=dt, device=dev)
    x, method, shift = m("solve", [sing, torch.ones(3, 1, dtype=dt, device=dev)])
    print(dt, "singular: method", int(method.item()), "shift", shift.item(), "(1% of max row sum 3 = 0.03)")
    w, v = m("eigh", [a])
    err = ((a @ v - v * w).norm() / a.norm()).item()
    print(dt, "eigh: ||AV - VW||/||A||", f"{err:.2e}", "ascending", bool((w[1:] >= w[:-1]).all()))
