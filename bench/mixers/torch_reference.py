"""PyTorch references of finfusion's `mamba`, `tsmixer` and `lstm` kinds for `deno task bench mixers`.

Same shapes and parameter counts as the tfjs networks (bench/mixers/epoch.ts checks the
counts): a Mamba stack (input projection, pre-norm residual Mamba blocks written as
tests/models/mamba/fixtures/make_torch_reference.py does, with the sequential reference scan,
final norm, head on the last bar) and a TSMixer (RevIN, time/feature-mixing blocks with
window layer norms, a temporal head on the target channel) and a stacked LSTM (torch's fused
nn.LSTM; its second bias per layer is frozen at zero, since finfusion's LSTM has one, so the
trainable parameters match; a dense head on the last hidden state). One epoch is what finfusion's
trainer does: a seeded shuffle, mini-batches (the partial last one kept), MSE, global-norm
clipping at 1, Adam; then a no-grad pass over the validation windows. Single-threaded.
Prints one JSON line: sec_per_epoch (median of the timed epochs after one warm-up), params.

    /usr/bin/python3 bench/mixers/torch_reference.py --model mamba --samples 512 --length 60
"""
import argparse, json, math, os, statistics, time

# Debian's torch multiplies matrices through OpenBLAS, whose own thread pool (sized to the
# cores) torch.set_num_threads does not control: pin it before torch loads it, so the
# reference really is single-threaded (with two BLAS threads it used ~1.6 cores here, and
# its epoch time swung by 50% with the machine's load).
os.environ["OPENBLAS_NUM_THREADS"] = "1"
os.environ["OMP_NUM_THREADS"] = "1"
import torch
import torch.nn as nn
import torch.nn.functional as F

torch.set_num_threads(1)


class MambaBlock(nn.Module):
    def __init__(self, d_model, d_state=16, expand=2, d_conv=4):
        super().__init__()
        self.e, self.n, self.k = expand * d_model, d_state, d_conv
        self.r = math.ceil(d_model / 16)
        self.in_proj = nn.Linear(d_model, 2 * self.e, bias=False)
        self.conv1d = nn.Conv1d(self.e, self.e, d_conv, groups=self.e, padding=d_conv - 1)
        self.x_proj = nn.Linear(self.e, self.r + 2 * d_state, bias=False)
        self.dt_proj = nn.Linear(self.r, self.e)
        self.A_log = nn.Parameter(torch.log(torch.arange(1, d_state + 1.0).repeat(self.e, 1)))
        self.D = nn.Parameter(torch.ones(self.e))
        self.out_proj = nn.Linear(self.e, d_model, bias=False)

    def forward(self, hidden):
        b, length, _ = hidden.shape
        x, z = self.in_proj(hidden).transpose(1, 2).chunk(2, dim=1)
        x = F.silu(self.conv1d(x)[..., :length])  # b, E, L
        dt, B, C = torch.split(self.x_proj(x.transpose(1, 2)), [self.r, self.n, self.n], dim=-1)
        delta = F.softplus(self.dt_proj(dt))  # b, L, E
        A = -torch.exp(self.A_log)
        u = x.transpose(1, 2)  # b, L, E
        decay = torch.exp(delta.unsqueeze(-1) * A)  # b, L, E, N
        drive = (delta * u).unsqueeze(-1) * B.unsqueeze(2)
        h = u.new_zeros(b, self.e, self.n)
        ys = []
        for t in range(length):
            h = decay[:, t] * h + drive[:, t]
            ys.append((h * C[:, t].unsqueeze(1)).sum(-1))
        y = torch.stack(ys, 1) + u * self.D
        return self.out_proj(y * F.silu(z.transpose(1, 2)))


class MambaStack(nn.Module):
    def __init__(self, features, d_model, layers, horizon):
        super().__init__()
        self.input_proj = nn.Linear(features, d_model)
        self.norms = nn.ModuleList(nn.LayerNorm(d_model) for _ in range(layers))
        self.blocks = nn.ModuleList(MambaBlock(d_model) for _ in range(layers))
        self.final_norm = nn.LayerNorm(d_model)
        self.head = nn.Linear(d_model, horizon)

    def forward(self, x):
        x = self.input_proj(x)
        for norm, block in zip(self.norms, self.blocks):
            x = x + block(norm(x))
        return self.head(self.final_norm(x)[:, -1])


class MixerBlock(nn.Module):
    def __init__(self, length, channels, ff):
        super().__init__()
        self.norm1 = nn.LayerNorm([length, channels], eps=1e-3)
        self.time = nn.Linear(length, length)
        self.norm2 = nn.LayerNorm([length, channels], eps=1e-3)
        self.ff = nn.Linear(channels, ff)
        self.out = nn.Linear(ff, channels)

    def forward(self, x):
        r = x + F.relu(self.time(self.norm1(x).transpose(1, 2))).transpose(1, 2)
        return r + self.out(F.relu(self.ff(self.norm2(r))))


class TsMixer(nn.Module):
    def __init__(self, length, channels, blocks, ff, horizon):
        super().__init__()
        self.blocks = nn.Sequential(*(MixerBlock(length, channels, ff) for _ in range(blocks)))
        self.head = nn.Linear(length, horizon)

    def forward(self, x):
        mean = x.mean(1, keepdim=True)
        std = torch.sqrt(x.var(1, keepdim=True, unbiased=False) + 1e-5)
        y = self.head(self.blocks((x - mean) / std)[:, :, 0])
        return y * std[:, :, 0] + mean[:, :, 0]


class StackedLstm(nn.Module):
    def __init__(self, features, units, layers, horizon):
        super().__init__()
        self.lstm = nn.LSTM(features, units, layers, batch_first=True)
        for name, weight in self.lstm.named_parameters():
            if name.startswith("bias_hh"):
                nn.init.zeros_(weight)
                weight.requires_grad_(False)
        self.head = nn.Linear(units, horizon)

    def forward(self, x):
        return self.head(self.lstm(x)[0][:, -1])


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--model", choices=["mamba", "tsmixer", "lstm"], required=True)
    p.add_argument("--samples", type=int, default=512)
    p.add_argument("--validation", type=int, default=64)
    p.add_argument("--length", type=int, default=60)
    p.add_argument("--features", type=int, default=8)
    p.add_argument("--d-model", type=int, default=32)
    p.add_argument("--layers", type=int, default=2)
    p.add_argument("--ff", type=int, default=64)
    p.add_argument("--units", type=int, default=64)
    p.add_argument("--horizon", type=int, default=1)
    p.add_argument("--batch", type=int, default=64)
    p.add_argument("--epochs", type=int, default=3)
    a = p.parse_args()
    torch.manual_seed(0)
    if a.model == "mamba":
        model = MambaStack(a.features, a.d_model, a.layers, a.horizon)
    elif a.model == "lstm":
        model = StackedLstm(a.features, a.units, a.layers, a.horizon)
    else:
        model = TsMixer(a.length, a.features, a.layers, a.ff, a.horizon)
    trainable = [q for q in model.parameters() if q.requires_grad]
    n = a.samples + a.validation
    x = torch.randn(n, a.length, a.features)
    y = 0.1 * x[:, -1, :1].repeat(1, a.horizon) + torch.randn(n, a.horizon)
    xt, yt, xv = x[: a.samples], y[: a.samples], x[a.samples:]
    opt = torch.optim.Adam(trainable, lr=1e-3)
    seconds = []
    for _ in range(1 + a.epochs):
        began = time.perf_counter()
        order = torch.randperm(a.samples)
        for s in range(0, a.samples, a.batch):
            idx = order[s: s + a.batch]
            opt.zero_grad()
            F.mse_loss(model(xt[idx]), yt[idx]).backward()
            nn.utils.clip_grad_norm_(trainable, 1.0)
            opt.step()
        with torch.no_grad():
            for s in range(0, a.validation, a.batch):
                model(xv[s: s + a.batch])
        seconds.append(time.perf_counter() - began)
    print(json.dumps({
        "sec_per_epoch": statistics.median(seconds[1:]),
        "params": sum(q.numel() for q in trainable),
        "torch": torch.__version__,
    }))


if __name__ == "__main__":
    main()
