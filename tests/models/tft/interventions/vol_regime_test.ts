/**
 * The volatility-regime auxiliary head: labels from the *raw* VIX at the forecast's target
 * step (a fixture where the standardised and the raw scale disagree), never from the scaled
 * input; the label row is o + H; the labels never enter the network's inputs (which stay at
 * or before the origin); the head trains through the shell, and a fold without the raw
 * series is a clear error.
 */
import assert from "node:assert/strict";
import * as tf from "@tensorflow/tfjs";
import type { Fold } from "../../../../models/contract.ts";
import { initBackend } from "../../../../models/tf/backend.ts";
import { inputTensors, neuralWindows } from "../../../../models/tf/shell/inputs.ts";
import { buildTft, tftNetwork } from "../../../../models/tft/build.ts";
import { tftConfig } from "../../../../models/tft/config.ts";
import { TFT_READS } from "../../../../models/tft/build.ts";
import { tftSpec } from "../../../../models/tft/spec.ts";
import { volRegimeClass, volRegimeLabels } from "../../../../models/tft/vol_regime_labels.ts";
import { tftFold } from "../tft_fold.ts";
import { gradNorm, randomInputs, SMALL_HYPER, SMALL_SHAPE } from "./inputs.ts";

await initBackend("wasm");

/** tftFold with a raw VIX label series: calm (12) except spikes at `spikes` rows (40). */
function foldWithVix(spikes: number[], options: { horizon?: number } = {}): Fold {
  const fold = tftFold({ rows: 160, horizon: options.horizon ?? 1 });
  const vix = new Float64Array(fold.dates.length).fill(12);
  for (const row of spikes) vix[row] = 40;
  return { ...fold, labelSeries: { vix } };
}

Deno.test("vol-regime classes: raw level above each threshold (2 and 3 classes)", () => {
  assert.deepEqual([12, 25, 25.01, 40].map((v) => volRegimeClass(v, [25])), [0, 0, 1, 1]);
  assert.deepEqual([12, 15, 18, 25, 30].map((v) => volRegimeClass(v, [15, 25])), [0, 0, 1, 1, 2]);
});

Deno.test("vol-regime labels read the raw series, where standardised thresholds disagree", () => {
  const raw = [11, 14, 19, 24, 31, 45];
  const mean = raw.reduce((a, b) => a + b) / raw.length;
  const std = Math.sqrt(raw.reduce((a, b) => a + (b - mean) ** 2, 0) / raw.length);
  const scaled = raw.map((v) => (v - mean) / std);
  const base = tftFold({ rows: 160, horizon: 1 });
  const series = new Float64Array(base.dates.length).fill(NaN);
  raw.forEach((v, i) => (series[101 + i] = v));
  // the past input holds the scaled VIX (as a fold's past features do): never read for labels
  const past = Float32Array.from(base.past.values);
  scaled.forEach((v, i) => (past[(101 + i) * base.past.cols] = v));
  const fold: Fold = {
    ...base,
    past: { ...base.past, values: past },
    pastNames: ["vix", ...base.pastNames.slice(1)],
    labelSeries: { vix: series },
  };
  const origins = Int32Array.from(raw, (_, i) => 100 + i); // target rows 101..106
  const labels = volRegimeLabels(fold, origins, { feature: "vix", thresholds: [15, 25] });
  assert.deepEqual(Array.from(labels), [0, 0, 1, 1, 2, 2]);
  // The reference's comparison (standardised VIX against raw thresholds) calls all calm.
  assert.deepEqual(scaled.map((v) => volRegimeClass(v, [15, 25])), [0, 0, 0, 0, 0, 0]);
});

Deno.test("vol-regime label row is the target step o + H, not the origin", () => {
  for (const horizon of [1, 3]) {
    const fold = foldWithVix([120], { horizon });
    const origins = Int32Array.from(
      [118, 119, 120 - horizon, 120, 121].filter((o, i, a) => a.indexOf(o) === i),
    );
    const labels = volRegimeLabels(fold, origins, { feature: "vix", thresholds: [25] });
    origins.forEach((o, i) => assert.equal(labels[i], o + horizon === 120 ? 1 : 0, `o=${o}`));
  }
});

Deno.test("the label series never enters the inputs: they stay at or before the origin", () => {
  const fold = foldWithVix([50, 90, 130]);
  const windows = neuralWindows("tft", TFT_READS, fold, "train", true);
  const nanLabels: Fold = {
    ...fold,
    labelSeries: { vix: new Float64Array(fold.dates.length).fill(NaN) },
  };
  const a = inputTensors(TFT_READS, fold, windows);
  const b = inputTensors(TFT_READS, nanLabels, windows);
  a.forEach((x, i) => assert.deepEqual(x.dataSync(), b[i].dataSync(), `input ${i}`));
  // and the past input of each window ends at its origin row
  const past = a[TFT_READS.indexOf("past")];
  const [, L, P] = past.shape;
  const o = windows.origins[0];
  assert.deepEqual(
    Array.from(past.dataSync().slice((L - 1) * P, L * P)),
    Array.from(fold.past.values.slice(o * P, (o + 1) * P)),
  );
  tf.dispose([...a, ...b]);
});

Deno.test("vol-regime head: the labels' cross-entropy reaches the head; none is an error", () => {
  const built = buildTft(SMALL_SHAPE, { ...SMALL_HYPER, auxiliaryClasses: 3 }, 3);
  const terms = { balanceWeight: 0, auxiliary: { weight: 1, deadBand: 0, fromLabels: true } };
  const network = tftNetwork(built, terms);
  const inputs = randomInputs(SMALL_SHAPE, 16, 4);
  const target = tf.zeros([16, 2]);
  const labels = tf.tensor1d(Array.from({ length: 16 }, (_, i) => i % 3));
  const head = built.model.weights.find((w) =>
    w.originalName === "tft/auxiliary_head/class_kernel"
  )!;
  const aux = () => {
    network.forward(inputs, true);
    return network.auxiliaryLoss!(target, { mean: 0, std: 1 }, labels)!;
  };
  assert.ok(gradNorm(aux, head.read() as tf.Variable) > 1e-6);
  network.forward(inputs, true);
  assert.throws(
    () => network.auxiliaryLoss!(target, { mean: 0, std: 1 }),
    /volatility-regime head got no labels/,
  );
  built.model.dispose();
  tf.dispose([...inputs, target, labels]);
});

Deno.test("vol-regime trains through the shell; a fold without raw VIX is a clear error", async () => {
  const config = tftConfig.parse({
    hiddenSize: 8,
    attentionHeads: 2,
    hiddenContinuousSize: 4,
    training: { epochs: 2, batchSize: 16, learningRate: 0.01 },
    auxiliaryHead: { target: "vol-regime", thresholds: [15, 25], weight: 2 },
  });
  const context = { seed: 5, backend: "wasm" };
  const fit = async (fold: Fold) => {
    const model = tftSpec.create(config, context);
    try {
      return (await model.fit(fold)).history.map((r) => r.trainLoss);
    } finally {
      model.dispose!();
    }
  };
  const calm = await fit(foldWithVix([]));
  const spiky = await fit(foldWithVix(Array.from({ length: 60 }, (_, i) => 20 + 2 * i)));
  assert.notDeepEqual(spiky, calm, "the raw labels drive the auxiliary loss");
  await assert.rejects(
    () => fit(tftFold({ rows: 160, horizon: 1 })),
    /fold tft-synthetic carries no raw "vix" label series; set the split node's labelSeries: \["vix"\]/,
  );
  const bad = tftConfig.safeParse({
    auxiliaryHead: { target: "vol-regime", thresholds: [25, 15] },
  });
  assert.deepEqual(bad.error!.issues[0].path, ["auxiliaryHead", "thresholds"]);
});
