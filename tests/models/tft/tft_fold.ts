/**
 * A small synthetic {@link Fold} with static, past and known inputs and a learnable
 * signal, for the TFT tests: the return of row t+1 is
 * 0.01·(a[t] + 0.5·k0[t+1] + 0.3·regime) + 0.003·noise, with a a standard-normal past
 * feature, k0 a known-future feature of the target row, regime a static ±1.
 */
import type { Fold } from "../../../models/contract.ts";
import { SeededRandom } from "../../../models/tf/rng.ts";
import { defaultSplits, weeklyDates } from "../baselines/synthetic_fold.ts";

export interface TftFoldOptions {
  rows?: number;
  encoderLength?: number;
  horizon?: number;
  seed?: number;
  /** Include the static and known variables (the default); false gives past only. */
  full?: boolean;
}

export function tftFold(options: TftFoldOptions = {}): Fold {
  const n = options.rows ?? 240;
  const L = options.encoderLength ?? 6;
  const H = options.horizon ?? 1;
  const full = options.full ?? true;
  const rng = new SeededRandom(options.seed ?? 1);
  const P = 3;
  const past = new Float32Array(n * P);
  for (let k = 0; k < past.length; k++) past[k] = rng.normal();
  const F = full ? 2 : 0;
  const known = new Float32Array(n * F);
  for (let t = 0; t < n && full; t++) {
    known[t * F] = rng.normal();
    known[t * F + 1] = Math.sin((2 * Math.PI * t) / 52);
  }
  const S = full ? 1 : 0;
  const regime = Array.from({ length: n }, (_, t) => (Math.floor(t / 40) % 2 ? 1 : -1));
  const staticValues = Float32Array.from(full ? regime : []);
  const target = new Float32Array(n);
  for (let t = 1; t < n; t++) {
    const knownPart = full ? 0.5 * known[t * F] + 0.3 * regime[t - 1] : 0;
    target[t] = 0.01 * (past[(t - 1) * P] + knownPart) + 0.003 * rng.normal();
  }
  const knownNames = full ? ["k0", "season"] : [];
  return {
    id: "tft-synthetic",
    testYear: null,
    frequency: "weekly",
    encoderLength: L,
    horizon: H,
    dates: weeklyDates(n),
    target,
    past: { rows: n, cols: P, values: past },
    pastNames: ["a", "b", "noise"],
    known: { rows: n, cols: F, values: known },
    knownNames,
    static: { rows: n, cols: S, values: staticValues },
    staticNames: full ? ["regime"] : [],
    regime: regime.map((r) => (r > 0 ? "calm" : "stress")),
    splits: defaultSplits(n, L, H),
    scaler: { names: ["a", "b", "noise", ...knownNames], mean: [], std: [] },
  };
}
