/**
 * Auxiliary classification head: labels from the raw return of the last step (two classes,
 * or three with a dead band), cross-entropy by hand, gradients reaching the head and the
 * shared backbone, training that changes, and the option's schema.
 */
import assert from "node:assert/strict";
import * as tf from "@tensorflow/tfjs";
import { initBackend } from "../../../../models/tf/backend.ts";
import { crossEntropy, directionLabels } from "../../../../models/tft/auxiliary_head.ts";
import { auxiliaryLabels } from "../../../../models/tft/auxiliary_loss.ts";
import { buildTft, tftNetwork } from "../../../../models/tft/build.ts";
import { tftConfig } from "../../../../models/tft/config.ts";
import { tftSpec } from "../../../../models/tft/spec.ts";
import { tftFold } from "../tft_fold.ts";
import { gradNorm, randomInputs, SMALL_HYPER, SMALL_SHAPE } from "./inputs.ts";

await initBackend("wasm");

Deno.test("labels: up/down, and down/flat/up with a dead band, on raw returns", () => {
  const raw = tf.tensor1d([-0.02, -0.005, 0, 0.004, 0.03]);
  assert.deepEqual(Array.from(directionLabels(raw, 0).dataSync()), [0, 0, 0, 1, 1]);
  assert.deepEqual(Array.from(directionLabels(raw, 0.01).dataSync()), [0, 1, 1, 1, 2]);
  // training-space targets are mapped back: y·std + mean, last horizon step only
  const target = tf.tensor2d([[5, -1], [5, 1], [-5, 0.1]]);
  const labels = auxiliaryLabels(target, { mean: 0.001, std: 0.02 }, 0.01);
  // raw last step: −0.019, 0.021, 0.003 → down, up, flat
  assert.deepEqual(Array.from(labels.dataSync()), [0, 2, 1]);
});

Deno.test("cross-entropy: −mean log softmax of the true class", () => {
  const logits = tf.tensor2d([[0, Math.log(3)], [0, 0]]);
  const ce = crossEntropy(logits, tf.tensor1d([1, 0], "int32")).dataSync()[0];
  const expected = -(Math.log(0.75) + Math.log(0.5)) / 2;
  assert.ok(Math.abs(ce - expected) < 1e-6, `${ce} vs ${expected}`);
});

Deno.test("auxiliary head: logits [B, C]; its loss reaches the head and the backbone", () => {
  const built = buildTft(SMALL_SHAPE, { ...SMALL_HYPER, auxiliaryClasses: 3 }, 3);
  const network = tftNetwork(built, { balanceWeight: 0, auxiliary: { weight: 1, deadBand: 0.5 } });
  const inputs = randomInputs(SMALL_SHAPE, 16, 4);
  const forward = built.layer.forward(inputs, false);
  assert.deepEqual(forward.auxiliaryLogits!.shape, [16, 3]);
  const target = tf.tensor2d(Array.from({ length: 32 }, (_, i) => Math.sin(i)), [16, 2]);
  const aux = () => {
    network.forward(inputs, true);
    return network.auxiliaryLoss!(target, { mean: 0, std: 1 })!;
  };
  const byName = (n: string) =>
    built.model.weights.find((w) => w.originalName === n)!.read() as tf.Variable;
  assert.ok(gradNorm(aux, byName("tft/auxiliary_head/class_kernel")) > 1e-6);
  const backbone = built.model.weights.find((w) => w.originalName.startsWith("tft/lstm_decoder/"))!;
  assert.ok(gradNorm(aux, backbone.read() as tf.Variable) > 1e-8, "CE shapes the shared backbone");
  assert.equal(
    network.auxiliaryLoss!(target, { mean: 0, std: 1 }),
    null,
    "only after a training pass",
  );
  built.model.dispose();
  tf.dispose([...inputs, target]);
});

Deno.test("auxiliaryHead changes training; predictions keep their shape", async () => {
  const fold = tftFold({ rows: 160, horizon: 1 });
  const small = {
    hiddenSize: 8,
    attentionHeads: 2,
    hiddenContinuousSize: 4,
    training: { epochs: 3, batchSize: 16, learningRate: 0.01 },
  };
  const context = { seed: 5, backend: "wasm" };
  const fit = async (extra: Record<string, unknown>) => {
    const model = tftSpec.create(tftConfig.parse({ ...small, ...extra }), context);
    const report = await model.fit(fold);
    const forecast = await model.predict(fold, "test");
    model.dispose!();
    return { report, forecast };
  };
  const plain = await fit({});
  const withHead = await fit({
    auxiliaryHead: { target: "direction-3", deadBand: 0.005, weight: 2 },
  });
  assert.notDeepEqual(
    withHead.report.history.map((r) => r.trainLoss),
    plain.report.history.map((r) => r.trainLoss),
  );
  assert.equal(withHead.forecast.point.length, plain.forecast.point.length);
  assert.notDeepEqual(Array.from(withHead.forecast.point), Array.from(plain.forecast.point));
});

Deno.test("auxiliaryHead schema: absent by default; defaults; bad values named", () => {
  assert.equal("auxiliaryHead" in tftConfig.parse({}), false);
  assert.deepEqual(tftConfig.parse({ auxiliaryHead: {} }).auxiliaryHead, {
    target: "direction",
    deadBand: 0.01,
    feature: "vix",
    thresholds: [25],
    weight: 1,
  });
  const bad = tftConfig.safeParse({ auxiliaryHead: { target: "volatility" } });
  assert.deepEqual(bad.error!.issues[0].path, ["auxiliaryHead", "target"]);
});
