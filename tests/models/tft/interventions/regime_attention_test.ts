/**
 * Regime-aware attention: the regime is read from the raw VIX at the origin row and can
 * never see the target bar; gates per (regime, head) shape the attention, get gradients,
 * train, and survive save/load; errors name the missing feature.
 */
import assert from "node:assert/strict";
import * as tf from "@tensorflow/tfjs";
import type { Fold } from "../../../../models/contract.ts";
import { initBackend } from "../../../../models/tf/backend.ts";
import { loadLayersModel } from "../../../../models/tf/serialize.ts";
import { inputTensors, neuralWindows } from "../../../../models/tf/shell/inputs.ts";
import { buildTft } from "../../../../models/tft/build.ts";
import { tftConfig } from "../../../../models/tft/config.ts";
import { originRegime, regimeInputOf } from "../../../../models/tft/origin_regime.ts";
import { tftSpec } from "../../../../models/tft/spec.ts";
import { gradNorm, randomInputs, SMALL_HYPER, SMALL_SHAPE } from "./inputs.ts";
import { regimeFold, VIX_STD } from "./regime_fold.ts";

await initBackend("wasm");

const rule = { feature: "vix", thresholds: [25] };

Deno.test("regime input: raw thresholds placed on the fold's scale; errors name the feature", () => {
  const fold = regimeFold();
  assert.deepEqual(regimeInputOf(fold, rule, "regimeAttention"), { index: 1, thresholds: [1] });
  assert.deepEqual(
    regimeInputOf(fold, { feature: "vix", thresholds: [15, 30] }, "x").thresholds,
    [-1, 2],
  );
  assert.throws(
    () => regimeInputOf(fold, { feature: "spread_2s10s", thresholds: [0] }, "regimeAttention"),
    /regimeAttention: the regime feature "spread_2s10s" is not a past feature.*add it/,
  );
  const unscaled = { ...fold, scaler: { names: [], mean: [], std: [] } };
  assert.throws(() => regimeInputOf(unscaled, rule, "regimeAttention"), /no scaler statistics/);
});

Deno.test("origin regime: one-hot of the number of thresholds at or below the last step", () => {
  // last encoder step of feature 1: −3, 0.5, 1 (= threshold), 4
  const past = tf.tensor3d([
    [[0, 9], [0, -3]],
    [[0, 9], [0, 0.5]],
    [[0, -9], [0, 1]],
    [[0, -9], [0, 4]],
  ]);
  const regime = originRegime(past, { index: 1, thresholds: [0, 1] });
  assert.deepEqual(regime.arraySync(), [[1, 0, 0], [0, 1, 0], [0, 0, 1], [0, 0, 1]]);
});

function regimesOf(fold: Fold): number[] {
  const windows = neuralWindows("tft", ["static", "past", "known"], fold, "test", false);
  const inputs = inputTensors(["static", "past", "known"], fold, windows);
  const regime = originRegime(inputs[1], regimeInputOf(fold, rule, "regimeAttention"));
  const out = Array.from(tf.argMax(regime, 1).dataSync());
  tf.dispose([...inputs, regime]);
  return out;
}

function withVix(fold: Fold, row: number, raw: number): Fold {
  const values = fold.past.values.slice();
  values[row * fold.past.cols + 1] = (raw - 20) / VIX_STD;
  return { ...fold, past: { ...fold.past, values } };
}

Deno.test("regime input sees the origin's VIX, never the target bar's", () => {
  const fold = regimeFold({ rows: 120, horizon: 1 });
  const origin = fold.splits.test[3];
  const base = regimesOf(fold);
  // the target bar of origin o is o + 1: a VIX spike there must not move o's regime
  const calmOrigin = withVix(fold, origin, 12);
  const spikedTarget = withVix(calmOrigin, origin + 1, 80);
  assert.equal(regimesOf(calmOrigin)[3], 0);
  assert.equal(regimesOf(spikedTarget)[3], 0, "a spike on the target bar leaks into the regime");
  // the origin's own VIX decides it
  assert.equal(regimesOf(withVix(fold, origin, 80))[3], 1);
  assert.equal(base.length, fold.splits.test.length);
});

Deno.test("gated attention: each head's weights sum to its regime's gate; gates get gradients", () => {
  const regimeAttentionInput = { index: 1, thresholds: [0] };
  const hyper = { ...SMALL_HYPER, regimeAttention: 2, regimeAttentionInput };
  const built = buildTft(SMALL_SHAPE, hyper, 3);
  const inputs = randomInputs(SMALL_SHAPE, 16, 4);
  const gates = built.layer.extras.regimeGates!;
  const names = built.model.weights.map((w) => w.originalName);
  assert.ok(names.includes("tft/regime_gates/gates"));
  const forward = built.layer.forward(inputs, false);
  const sums = tf.sum(forward.attention!, -1).arraySync() as number[][][];
  for (const sample of sums) {
    for (const head of sample) for (const s of head) assert.ok(Math.abs(s - 0.5) < 1e-5);
  }
  const norm = gradNorm(
    () => tf.mean(tf.square(built.layer.forward(inputs, true).output)) as tf.Scalar,
    gates.gateWeights.read() as tf.Variable,
  );
  assert.ok(norm > 1e-7, `gradient norm at the gates ${norm}`);
  const plain = buildTft(SMALL_SHAPE, SMALL_HYPER, 3);
  assert.equal(plain.layer.extras.regimeGates, null);
  assert.ok(!plain.model.weights.some((w) => w.originalName.includes("regime")));
  [built, plain].forEach((b) => b.model.dispose());
  tf.dispose(inputs);
});

Deno.test("regimeAttention trains, moves the gates apart, and survives save/load", async () => {
  const fold = regimeFold({ rows: 160, horizon: 1 });
  const config = tftConfig.parse({
    hiddenSize: 8,
    attentionHeads: 2,
    hiddenContinuousSize: 4,
    regimeAttention: { thresholds: [21] },
    training: { epochs: 3, batchSize: 16, learningRate: 0.01 },
  });
  const model = tftSpec.create(config, { seed: 5, backend: "wasm" });
  await model.fit(fold);
  const before = await model.predict(fold, "test");
  const saved = await model.save!();
  const loaded = await tftSpec.load!(config, { seed: 5, backend: "wasm" }, saved);
  const after = await loaded.predict(fold, "test");
  assert.deepEqual(Array.from(after.point), Array.from(before.point));
  const network = await loadLayersModel(saved);
  const gates = network.weights.find((w) => w.originalName === "tft/regime_gates/gates")!;
  const [calm, stress] = gates.read().arraySync() as number[][];
  assert.notDeepEqual(calm, stress, "the two regimes' gates must train apart");
  assert.ok([...calm, ...stress].some((g) => g !== 0), "gates moved from their start");
  network.dispose();
  const other = tftConfig.parse({ ...config, regimeAttention: undefined });
  await assert.rejects(
    async () => await tftSpec.load!(other, { seed: 5, backend: "wasm" }, saved),
    /regimeAttention/,
  );
  model.dispose?.();
  loaded.dispose?.();
});

Deno.test("regimeAttention: absent by default, defaults VIX ≥ 25, thresholds must increase", () => {
  assert.equal("regimeAttention" in tftConfig.parse({}), false);
  assert.deepEqual(tftConfig.parse({ regimeAttention: {} }).regimeAttention, rule);
  const bad = tftConfig.safeParse({ regimeAttention: { thresholds: [25, 15] } });
  assert.equal(bad.success, false);
  assert.deepEqual(bad.error!.issues[0].path, ["regimeAttention", "thresholds"]);
});
