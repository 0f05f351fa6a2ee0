"""PyTorch reference of finfusion's `cls-transformer` kind for `deno task bench transformer`.

The same architecture and parameter count as models/transformer/network.ts (the bench and
tests/bench/transformer_test.ts check the counts): a linear embedding of each step's
features, sinusoidal positions added to the steps, a learnable [CLS] token in front (no
position), dropout, `layers` post-norm nn.TransformerEncoderLayer (ReLU feed-forward,
dropout on attention weights and both residual branches), and a two-layer head
(Linear -> ReLU -> dropout -> Linear) on the [CLS] output. One epoch is what finfusion's
trainer does without a validation set: a seeded shuffle, mini-batches (the partial last one
kept), MSE, global-norm clipping at 1, Adam with decoupled weight decay (AdamW, lr 5e-4,
wd 1e-5). Single-threaded. Prints one JSON line.

    /usr/bin/python3 bench/transformer/torch_reference.py --windows 1948 --epochs 2
    /usr/bin/python3 bench/transformer/torch_reference.py --params-only
"""
import argparse, json, math, os, statistics, time

# Debian's torch multiplies matrices through OpenBLAS, whose thread pool torch.set_num_threads
# does not control: pin it before torch loads it so the reference is single-threaded (with
# two BLAS threads it used 17.4 CPU-seconds in an 8.7 s epoch here).
os.environ["OPENBLAS_NUM_THREADS"] = "1"
os.environ["OMP_NUM_THREADS"] = "1"
import torch
import torch.nn as nn
import torch.nn.functional as F

torch.set_num_threads(1)


def sinusoidal_table(steps, width):
    table = torch.zeros(steps, width)
    for p in range(steps):
        for k in range(width):
            angle = p / math.pow(10000, (2 * (k // 2)) / width)
            table[p, k] = math.sin(angle) if k % 2 == 0 else math.cos(angle)
    return table


class ClsTransformer(nn.Module):
    def __init__(self, features, steps, d_model, heads, layers, ff, head_units, horizon, dropout):
        super().__init__()
        self.embedding = nn.Linear(features, d_model)
        self.register_buffer("positions", sinusoidal_table(steps, d_model))
        self.cls = nn.Parameter(0.02 * torch.randn(d_model))
        self.dropout = nn.Dropout(dropout)
        layer = nn.TransformerEncoderLayer(
            d_model, heads, ff, dropout, activation="relu", batch_first=True, norm_first=False,
            layer_norm_eps=1e-5,
        )
        self.encoder = nn.TransformerEncoder(layer, layers, enable_nested_tensor=False)
        self.head = nn.Sequential(
            nn.Linear(d_model, head_units), nn.ReLU(), nn.Dropout(dropout),
            nn.Linear(head_units, horizon),
        )

    def forward(self, x):
        x = self.embedding(x) + self.positions
        token = self.cls.expand(x.shape[0], 1, -1)
        x = self.dropout(torch.cat([token, x], 1))
        return self.head(self.encoder(x)[:, 0])


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--windows", type=int, default=1948)
    p.add_argument("--steps", type=int, default=60)
    p.add_argument("--features", type=int, default=10)
    p.add_argument("--batch", type=int, default=64)
    p.add_argument("--d-model", type=int, default=128)
    p.add_argument("--heads", type=int, default=8)
    p.add_argument("--layers", type=int, default=3)
    p.add_argument("--ff", type=int, default=256)
    p.add_argument("--head-units", type=int, default=256)
    p.add_argument("--dropout", type=float, default=0.1)
    p.add_argument("--epochs", type=int, default=2, help="timed epochs, after one warm-up")
    p.add_argument("--infer-batches", type=int, default=10)
    p.add_argument("--params-only", action="store_true")
    a = p.parse_args()
    torch.manual_seed(0)
    model = ClsTransformer(a.features, a.steps, a.d_model, a.heads, a.layers, a.ff,
                           a.head_units, 1, a.dropout)
    params = sum(q.numel() for q in model.parameters())
    if a.params_only:
        print(json.dumps({"params": params, "torch": torch.__version__}))
        return
    x = torch.randn(a.windows, a.steps, a.features)
    y = 0.1 * x[:, -1, :1] + torch.randn(a.windows, 1)
    opt = torch.optim.AdamW(model.parameters(), lr=5e-4, weight_decay=1e-5)
    seconds, cpu = [], []
    model.train()
    for _ in range(1 + a.epochs):
        began, began_cpu = time.perf_counter(), time.process_time()
        order = torch.randperm(a.windows)
        for s in range(0, a.windows, a.batch):
            idx = order[s: s + a.batch]
            opt.zero_grad()
            F.mse_loss(model(x[idx]), y[idx]).backward()
            nn.utils.clip_grad_norm_(model.parameters(), 1.0)
            opt.step()
        seconds.append(time.perf_counter() - began)
        cpu.append(time.process_time() - began_cpu)
    model.eval()
    infer = []
    with torch.no_grad():
        for s in range(0, min(a.windows // a.batch, a.infer_batches) * a.batch, a.batch):
            began = time.perf_counter()
            model(x[s: s + a.batch])
            infer.append(1000 * (time.perf_counter() - began))
    sec = statistics.median(seconds[1:])
    print(json.dumps({
        "sec_per_epoch": sec,
        "ms_per_train_step": 1000 * sec / math.ceil(a.windows / a.batch),
        "infer_ms_per_batch": statistics.median(infer) if infer else None,
        "cpu_sec_per_epoch": statistics.median(cpu[1:]),
        "epoch_sec": seconds,
        "loadavg_1m": os.getloadavg()[0],
        "params": params,
        "torch": torch.__version__,
    }))


if __name__ == "__main__":
    main()
