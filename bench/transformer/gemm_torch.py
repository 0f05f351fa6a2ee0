"""PyTorch (1 thread) GFLOP/s on the shapes of bench/transformer/gemm.ts: fastest of REPS.

    /usr/bin/python3 bench/transformer/gemm_torch.py [reps]
"""
import sys
import time

import torch

torch.set_num_threads(1)
SHAPES = [
    ("QKV proj X·W", 3904, 128, 384),
    ("FF down H·W", 3904, 384, 128),
    ("dX = dY·Wᵀ (FF up)", 3904, 384, 128),
    ("proj 128→128", 3904, 128, 128),
    ("FF 256→128", 3904, 256, 128),
    ("dW = Xᵀ·dY direct", 128, 3904, 384),
    ("dW turned dYᵀ·X", 384, 3904, 128),
]
reps = int(sys.argv[1]) if len(sys.argv) > 1 else 25
for label, m, k, n in SHAPES:
    a, b = torch.randn(m, k), torch.randn(k, n)
    best = float("inf")
    for _ in range(reps + 1):
        began = time.perf_counter()
        torch.mm(a, b)
        best = min(best, time.perf_counter() - began)
    print(f"{label} {m}·{k}·{n}: {2 * m * k * n / best / 1e9:.1f} GFLOP/s")
