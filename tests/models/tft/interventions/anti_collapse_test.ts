/**
 * Anti-collapse penalties: hand-computed values, gradients that reach the TFT's output
 * weights (the reference's directional penalty never produced one), training that changes
 * when a penalty is on, and the schema refusing bad values.
 */
import assert from "node:assert/strict";
import * as tf from "@tensorflow/tfjs";
import {
  balancePenalty,
  spreadPenalty,
  withAntiCollapse,
} from "../../../../models/tf/anti_collapse.ts";
import { initBackend } from "../../../../models/tf/backend.ts";
import { makeLoss } from "../../../../models/tf/losses.ts";
import { SeededRandom } from "../../../../models/tf/rng.ts";
import { buildTft } from "../../../../models/tft/build.ts";
import { tftConfig } from "../../../../models/tft/config.ts";
import { tftSpec } from "../../../../models/tft/spec.ts";
import { tftFold } from "../tft_fold.ts";
import { gradNorm, normal, randomInputs, SMALL_HYPER, SMALL_SHAPE } from "./inputs.ts";

await initBackend("wasm");

Deno.test("spread penalty: (floor·std(y) − std(ŷ))₊² per step, averaged over steps", () => {
  const y = tf.tensor2d([[1, 0], [-1, 0], [1, 0], [-1, 0]]); // stds 1 and 0
  const p = tf.tensor2d([[0.25, 1], [-0.25, -1], [0.25, 1], [-0.25, -1]]); // stds 0.25 and 1
  // step 1: (0.5·1 − 0.25)² = 0.0625; step 2: (0.5·0 − 1)₊ = 0 → mean 0.03125
  assert.ok(Math.abs(spreadPenalty(y, p, 0.5).dataSync()[0] - 0.03125) < 1e-6);
  assert.ok(spreadPenalty(y, p, 0.2).dataSync()[0] < 1e-9, "above the floor costs nothing");
});

Deno.test("balance penalty: (mean tanh(k(ŷ−z)) − mean tanh(k(y−z)))²", () => {
  const y = tf.tensor2d([[1], [1], [-1], [1]]);
  const p = tf.tensor2d([[1], [1], [1], [1]]);
  const t = Math.tanh(2);
  const expected = (t - (2 * t) / 4) ** 2; // forecasts all up, targets half up on net
  const value = balancePenalty(y, p, { sharpness: 2, zero: 0 }).dataSync()[0];
  assert.ok(Math.abs(value - expected) < 1e-6, `${value} vs ${expected}`);
  // the zero return shifts the sign: with z = 2 every forecast reads as a down call
  const shifted = balancePenalty(y, p, { sharpness: 50, zero: 2 }).dataSync()[0];
  assert.ok(Math.abs(shifted - 0) < 1e-6, "all forecasts and targets are below z");
});

Deno.test("each penalty's gradient reaches the TFT's output weights", () => {
  const built = buildTft(SMALL_SHAPE, SMALL_HYPER, 3);
  const inputs = randomInputs(SMALL_SHAPE, 32, 4);
  const target = normal([32, SMALL_SHAPE.horizon], new SeededRandom(9));
  const kernel = built.layer.outputWeights[0].read() as tf.Variable;
  const zeroBase = () => tf.scalar(0);
  const space = { pointIndex: 1, zero: 0.1 };
  const off = { stdFloor: 5, stdWeight: 0, balanceWeight: 0, balanceSharpness: 10 };
  for (const on of [{ stdWeight: 1 }, { balanceWeight: 1 }]) {
    const loss = withAntiCollapse(zeroBase, { ...off, ...on }, space);
    const value = tf.tidy(() =>
      loss(target, built.layer.forward(inputs, true).output).dataSync()[0]
    );
    assert.ok(value > 0, `${JSON.stringify(on)}: penalty is active (${value})`);
    const norm = gradNorm(() => loss(target, built.layer.forward(inputs, true).output), kernel);
    assert.ok(norm > 1e-6, `${JSON.stringify(on)}: gradient norm at the output kernel ${norm}`);
  }
  assert.equal(withAntiCollapse(zeroBase, off, space), zeroBase, "both weights 0: the base loss");
  built.model.dispose();
  tf.dispose([...inputs, target]);
});

Deno.test("makeLoss adds the penalties only when antiCollapse is set", () => {
  const y = tf.tensor2d([[1], [-1], [1], [-1]]);
  const p = tf.tensor3d([[[0, 0.1, 0]], [[0, 0.1, 0]], [[0, 0.1, 0]], [[0, 0.1, 0]]]);
  const plain = makeLoss({ name: "quantile" }, { pointIndex: 1, zero: 0 })(y, p).dataSync()[0];
  const antiCollapse = { stdFloor: 0.5, stdWeight: 2, balanceWeight: 0, balanceSharpness: 10 };
  const penalised = makeLoss({ name: "quantile", antiCollapse }, { pointIndex: 1, zero: 0 })(y, p)
    .dataSync()[0];
  // constant forecasts: std 0, target std 1 → 2·(0.5)² = 0.5 added
  assert.ok(Math.abs(penalised - plain - 0.5) < 1e-5, `${penalised} − ${plain}`);
});

const fold = tftFold({ rows: 160, horizon: 1 });
const small = {
  hiddenSize: 8,
  attentionHeads: 2,
  hiddenContinuousSize: 4,
  training: { epochs: 4, batchSize: 16, learningRate: 0.01 },
};

async function fitHistory(extra: Record<string, unknown>) {
  const model = tftSpec.create(tftConfig.parse({ ...small, ...extra }), {
    seed: 5,
    backend: "wasm",
  });
  const report = await model.fit(fold);
  model.dispose?.();
  return report.history;
}

Deno.test("a spread floor changes training and widens the forecasts' spread", async () => {
  const plain = (await fitHistory({})).map((r) => r.predictionStdRatio!);
  const floored = (await fitHistory({ antiCollapse: { stdWeight: 20, stdFloor: 1.5 } }))
    .map((r) => r.predictionStdRatio!);
  assert.notDeepEqual(floored, plain, "the penalty must change training");
  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
  assert.ok(mean(floored) > mean(plain), `spread ratio ${mean(floored)} vs ${mean(plain)}`);
});

Deno.test("a directional-balance penalty changes training", async () => {
  const plain = await fitHistory({});
  const balanced = await fitHistory({ antiCollapse: { balanceWeight: 5, balanceSharpness: 5 } });
  assert.notDeepEqual(balanced.map((r) => r.trainLoss), plain.map((r) => r.trainLoss));
  assert.notDeepEqual(balanced.map((r) => r.shareLong), plain.map((r) => r.shareLong));
});

Deno.test("antiCollapse: absent by default; bad values refused naming the field", () => {
  assert.equal("antiCollapse" in tftConfig.parse({}), false);
  const parsed = tftConfig.parse({ antiCollapse: { stdWeight: 1 } }).antiCollapse!;
  assert.deepEqual(parsed, { stdFloor: 0.5, stdWeight: 1, balanceWeight: 0, balanceSharpness: 10 });
  const bad = tftConfig.safeParse({ antiCollapse: { balanceWeight: -1 } });
  assert.equal(bad.success, false);
  assert.deepEqual(bad.error!.issues[0].path, ["antiCollapse", "balanceWeight"]);
  assert.equal(tftConfig.safeParse({ antiCollapse: { typo: 1 } }).success, false);
});
