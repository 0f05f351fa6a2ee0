/**
 * Regime-gated output (mixture of experts): shapes, routing (learned softmax starting
 * uniform, or the origin regime), gradients reaching every expert, the load-balancing term
 * by hand and acting on the router, fit and save/load, and frozen-backbone fine-tuning of
 * new experts on a plain TFT's stored backbone.
 */
import assert from "node:assert/strict";
import * as tf from "@tensorflow/tfjs";
import { initBackend } from "../../../../models/tf/backend.ts";
import { buildTft, tftNetwork } from "../../../../models/tft/build.ts";
import { tftConfig } from "../../../../models/tft/config.ts";
import { ExpertOutput, loadBalance } from "../../../../models/tft/expert_output.ts";
import { tftSpec } from "../../../../models/tft/spec.ts";
import { gradNorm, normal, randomInputs, SMALL_HYPER, SMALL_SHAPE } from "./inputs.ts";
import { regimeFold } from "./regime_fold.ts";
import { SeededRandom } from "../../../../models/tf/rng.ts";
import { sameValues, savedWeights } from "./saved_weights.ts";

await initBackend("wasm");

Deno.test("load balance: mean_r (mean routing_r − 1/R)² by hand", () => {
  const routing = tf.tensor3d([[[1, 0]], [[0.5, 0.5]]]); // shares 0.75, 0.25
  assert.ok(Math.abs(loadBalance(routing).dataSync()[0] - 0.0625) < 1e-7);
  assert.ok(loadBalance(tf.tensor3d([[[0.5, 0.5]]])).dataSync()[0] < 1e-12);
});

Deno.test("experts: shapes; learned routing starts uniform; regime routing is the one-hot", () => {
  const x = normal([4, 2, 8], new SeededRandom(1));
  const learned = new ExpertOutput({
    name: "e",
    seed: 1,
    inputSize: 8,
    outputSize: 3,
    experts: 3,
    routing: "learned",
  });
  learned.build([]);
  const a = learned.forward(x, null);
  assert.deepEqual(a.output.shape, [4, 2, 3]);
  assert.deepEqual(a.routing.shape, [4, 2, 3]);
  for (const w of a.routing.dataSync()) assert.ok(Math.abs(w - 1 / 3) < 1e-6);
  const byRegime = new ExpertOutput({
    name: "r",
    seed: 1,
    inputSize: 8,
    outputSize: 3,
    experts: 2,
    routing: "regime",
  });
  byRegime.build([]);
  const regime = tf.tensor2d([[1, 0], [0, 1], [0, 1], [1, 0]]);
  const b = byRegime.forward(x, regime);
  assert.deepEqual(b.routing.arraySync(), [
    [[1, 0], [1, 0]],
    [[0, 1], [0, 1]],
    [[0, 1], [0, 1]],
    [[1, 0], [1, 0]],
  ]);
  assert.throws(() => byRegime.forward(x, null), /regime routing needs the origin regime/);
});

Deno.test("experts in the TFT: every expert gets gradient; the balance term moves the router", () => {
  const hyper = { ...SMALL_HYPER, outputExperts: 3, outputRouting: "learned" as const };
  const built = buildTft(SMALL_SHAPE, hyper, 3);
  const network = tftNetwork(built, { balanceWeight: 1, auxiliary: null });
  const names = built.model.weights.map((w) => w.originalName);
  assert.ok(!names.includes("tft/output_kernel"), "the mixture replaces the output layer");
  const inputs = randomInputs(SMALL_SHAPE, 16, 4);
  const byName = (n: string) =>
    built.model.weights.find((w) => w.originalName === n)!.read() as tf.Variable;
  const kernel = byName("tft/expert_output/expert_kernel"); // [8, 3 experts · 3 outputs]
  const grads = tf.tidy(() => {
    const { grads } = tf.variableGrads(
      () => tf.mean(tf.square(network.forward(inputs, true))) as tf.Scalar,
      [kernel],
    );
    return tf.reshape(tf.abs(grads[kernel.name]), [8, 3, 3]).sum([0, 2]).arraySync() as number[];
  });
  grads.forEach((g, i) => assert.ok(g > 1e-8, `expert ${i} gradient ${g}`));
  const router = byName("tft/expert_output/router_kernel");
  router.assign(normal([8, 3], new SeededRandom(7)));
  const scale = { mean: 0, std: 1 };
  const target = tf.zeros([16, SMALL_SHAPE.horizon]);
  const balance = () => {
    network.forward(inputs, true);
    return network.auxiliaryLoss!(target, scale)!;
  };
  assert.ok(tf.tidy(() => balance().dataSync()[0]) > 0, "routing is unbalanced");
  assert.ok(gradNorm(balance, router) > 1e-6, "the balance term reaches the router");
  built.model.dispose();
  tf.dispose([...inputs, target]);
});

const small = {
  hiddenSize: 8,
  attentionHeads: 2,
  hiddenContinuousSize: 4,
  training: { epochs: 3, batchSize: 16, learningRate: 0.01 },
};
const context = { seed: 5, backend: "wasm" };

for (
  const regimeOutput of [{ routing: "learned", experts: 2 }, {
    routing: "regime",
    thresholds: [21],
  }]
) {
  Deno.test(`regimeOutput ${regimeOutput.routing}: fits, predicts, survives save/load`, async () => {
    const fold = regimeFold({ rows: 160, horizon: 2 });
    const config = tftConfig.parse({ ...small, regimeOutput });
    const model = tftSpec.create(config, context);
    const report = await model.fit(fold);
    assert.ok(report.history.every((r) => Number.isFinite(r.trainLoss)));
    const before = await model.predict(fold, "test");
    assert.ok(before.point.every(Number.isFinite));
    const saved = await model.save!();
    const loaded = await tftSpec.load!(config, context, saved);
    assert.deepEqual(
      Array.from((await loaded.predict(fold, "test")).point),
      Array.from(before.point),
    );
    await assert.rejects(
      () => tftSpec.load!(tftConfig.parse(small), context, saved),
      /outputExperts/,
    );
    model.dispose!();
    loaded.dispose!();
  });
}

Deno.test("frozen backbone + new experts: stage 2 keeps every backbone weight bit for bit", async () => {
  const fold = regimeFold({ rows: 160, horizon: 1 });
  const stage1 = tftSpec.create(tftConfig.parse(small), { ...context, seed: 99 });
  await stage1.fit(fold);
  const upstreamWeights = await stage1.save!();
  stage1.dispose!();
  const upstream = { model: "tft", label: "stage-1", config: {}, weights: upstreamWeights };
  const config = tftConfig.parse({ ...small, fineTune: "head", regimeOutput: { experts: 2 } });
  const stage2 = tftSpec.create(config, context);
  const report = await stage2.fit(fold, { upstream });
  const losses = report.history.map((r) => r.trainLoss);
  assert.ok(losses.at(-1)! < losses[0], `the experts train: ${losses}`);
  const after = await savedWeights(await stage2.save!());
  const before = await savedWeights(upstreamWeights);
  const head = [...after.keys()].filter((n) => n.startsWith("tft/expert_output/"));
  const backbone = [...after.keys()].filter((n) => !n.startsWith("tft/expert_output/"));
  assert.equal(head.length, 4);
  assert.ok(backbone.length > 50);
  for (const name of backbone) {
    assert.ok(sameValues(after.get(name)!, before.get(name)!), `${name} moved`);
  }
  assert.ok(!after.has("tft/output_kernel"), "the stage-1 output layer is dropped");
  stage2.dispose!();
});

Deno.test("regimeOutput schema: defaults, absent by default, bad values named", () => {
  assert.equal("regimeOutput" in tftConfig.parse({}), false);
  assert.deepEqual(tftConfig.parse({ regimeOutput: {} }).regimeOutput, {
    routing: "learned",
    experts: 2,
    feature: "vix",
    thresholds: [20],
    balanceWeight: 1,
  });
  const bad = tftConfig.safeParse({ regimeOutput: { experts: 1 } });
  assert.deepEqual(bad.error!.issues[0].path, ["regimeOutput", "experts"]);
  const missing = tftSpec.create(
    tftConfig.parse({ ...small, regimeOutput: { routing: "regime", feature: "spread_2s10s" } }),
    context,
  );
  return assert.rejects(
    () => missing.fit(regimeFold({ rows: 120 })),
    /regimeOutput: the regime feature "spread_2s10s" is not a past feature/,
  );
});
