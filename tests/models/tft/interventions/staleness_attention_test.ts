/**
 * Staleness-penalised attention: the logit of each encoder step is lowered by weight ×
 * its staleness feature (decoder steps untouched), so a stale step loses attention; the
 * option fits and reloads, and a fold without the feature is refused naming it.
 */
import assert from "node:assert/strict";
import * as tf from "@tensorflow/tfjs";
import { initBackend } from "../../../../models/tf/backend.ts";
import { buildTft } from "../../../../models/tft/build.ts";
import { tftConfig } from "../../../../models/tft/config.ts";
import { stalenessMask } from "../../../../models/tft/intervention_layers.ts";
import { tftSpec } from "../../../../models/tft/spec.ts";
import { tftFold } from "../tft_fold.ts";
import { randomInputs, SMALL_HYPER, SMALL_SHAPE } from "./inputs.ts";

await initBackend("wasm");

Deno.test("staleness mask: −weight × staleness at encoder keys, 0 at decoder keys", () => {
  const mask = tf.zeros([1, 3]); // one query, 2 encoder + 1 decoder keys
  const past = tf.tensor3d([[[9, 1], [9, -2]]]); // staleness in column 1
  const out = stalenessMask(mask, past, { stalenessWeight: 2 }, { stalenessInput: { index: 1 } });
  assert.deepEqual(out.shape, [1, 1, 1, 3]);
  assert.deepEqual(Array.from(out.dataSync()), [-2, 4, 0]);
  assert.equal(stalenessMask(mask, past, {}, {}), mask, "off: the mask itself");
});

Deno.test("a stale encoder step gets less attention with the penalty on", () => {
  const inputs = randomInputs(SMALL_SHAPE, 8, 4);
  // make encoder step 2 very stale in past column 1 (scaled units)
  const past = inputs[1].arraySync() as number[][][];
  for (const sample of past) sample[2][1] = 3;
  const stale = [inputs[0], tf.tensor3d(past), inputs[2]];
  const attentionAt = (hyper: Record<string, unknown>) => {
    const built = buildTft(SMALL_SHAPE, { ...SMALL_HYPER, ...hyper }, 3);
    const weights = built.layer.forward(stale, false).attention!; // [B, heads, H, L + H]
    const value = tf.mean(tf.slice(weights, [0, 0, 0, 2], [-1, -1, -1, 1])).dataSync()[0];
    built.model.dispose();
    return value;
  };
  const plain = attentionAt({});
  const penalised = attentionAt({ stalenessWeight: 2, stalenessInput: { index: 1 } });
  assert.ok(penalised < plain / 10, `attention on the stale step ${penalised} vs ${plain}`);
  tf.dispose([...inputs, stale[1]]);
});

Deno.test("stalenessAttention fits, reloads, and names a missing feature", async () => {
  const base = tftFold({ rows: 160, horizon: 1 });
  const fold = { ...base, pastNames: ["a", "days_since_cpi", "noise"] };
  const config = tftConfig.parse({
    hiddenSize: 8,
    attentionHeads: 2,
    hiddenContinuousSize: 4,
    stalenessAttention: { weight: 1.5 },
    training: { epochs: 2, batchSize: 16, learningRate: 0.01 },
  });
  const context = { seed: 5, backend: "wasm" };
  const model = tftSpec.create(config, context);
  await model.fit(fold);
  const before = await model.predict(fold, "test");
  const loaded = await tftSpec.load!(config, context, await model.save!());
  assert.deepEqual(
    Array.from((await loaded.predict(fold, "test")).point),
    Array.from(before.point),
  );
  const other = tftSpec.create(config, context);
  await assert.rejects(() => other.fit(base), /"days_since_cpi" is not a past feature/);
  assert.equal("stalenessAttention" in tftConfig.parse({}), false);
  model.dispose!();
  loaded.dispose!();
});
