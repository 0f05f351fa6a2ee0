/**
 * Building a layer with seeded initial weights leaves no tensor behind but its weights: the
 * Mamba block, the TSMixer block and the TSMixer target head each write their initial values
 * into their variables, and `LayerVariable.write` copies, so the initial tensors must be
 * disposed (before this test, every build leaked one tensor per weight).
 */
import assert from "node:assert/strict";
import * as tf from "@tensorflow/tfjs";
import { initBackend } from "../../../models/tf/backend.ts";
import { MambaBlock, mambaShape } from "../../../models/mamba/block.ts";
import { MixerBlock } from "../../../models/mixer/mixer_block.ts";
import { TargetHead } from "../../../models/mixer/window_layers.ts";

await initBackend("wasm");

function assertOnlyWeightsRemain(make: () => tf.layers.Layer, shape: number[]): void {
  const before = tf.memory().numTensors;
  const layer = make();
  layer.apply(tf.input({ shape })); // builds the weights (symbolic: no data tensors)
  assert.ok(layer.weights.length > 0, `${layer.name} built weights`);
  assert.equal(
    tf.memory().numTensors - before,
    layer.weights.length,
    `${layer.name}: tensors beyond its ${layer.weights.length} weights`,
  );
  layer.dispose();
  assert.equal(tf.memory().numTensors, before, `${layer.name}: dispose frees its weights`);
}

Deno.test("building a Mamba block keeps only its weights", () => {
  assertOnlyWeightsRemain(() => new MambaBlock({ ...mambaShape(8), seed: 3 }), [5, 8]);
});

Deno.test("building a TSMixer block and target head keeps only their weights", () => {
  const mixer = () => new MixerBlock({ length: 6, channels: 3, ffDim: 4, dropout: 0, seed: 2 });
  assertOnlyWeightsRemain(mixer, [6, 3]);
  assertOnlyWeightsRemain(() => new TargetHead({ target: 0, horizon: 2, seed: 4 }), [6, 3]);
});
