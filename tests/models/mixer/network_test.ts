/**
 * TSMixer networks: the single-scale network against a PyTorch reference of the paper's
 * architecture (`fixtures/make_torch_reference.py`), with and without RevIN; RevIN uses each
 * window's own statistics only; multi-scale paths, their resampling and both fusions.
 */
import assert from "node:assert/strict";
import * as tf from "@tensorflow/tfjs";
import { assertClose } from "../assert_close.ts";
import { initBackend } from "../../../models/tf/backend.ts";
import { buildTsMixer, type TsMixerNetworkArgs } from "../../../models/mixer/network.ts";
import { ScaleGate } from "../../../models/mixer/window_layers.ts";
import { loadLayersModel, saveLayersModel } from "../../../models/tf/serialize.ts";

await initBackend("wasm");

interface Array_ {
  shape: number[];
  values: number[];
}
const fixture = JSON.parse(
  await Deno.readTextFile(new URL("./fixtures/torch_tsmixer_reference.json", import.meta.url)),
) as {
  config: {
    window: number;
    channels: number;
    ffDim: number;
    blocks: number;
    horizon: number;
    target: number;
  };
  blocks: Record<string, Array_>[];
  head: Record<string, Array_>;
  input: Array_;
  output: Array_;
  outputRevin: Array_;
};

const tensor = (a: Array_) => tf.tensor(a.values, a.shape);
const kernel = (a: Array_) => tf.transpose(tensor(a)); // torch Linear [out, in] → [in, out]

function args(overrides: Partial<TsMixerNetworkArgs> = {}): TsMixerNetworkArgs {
  const { window, channels, ffDim, blocks, horizon, target } = fixture.config;
  return {
    window,
    channels,
    ffDim,
    blocks,
    horizon,
    target,
    dropout: 0,
    revin: false,
    paths: [{ length: window, every: 1 }],
    fuse: "concat",
    seed: 3,
    ...overrides,
  };
}

function loadReference(model: tf.LayersModel): void {
  fixture.blocks.forEach((b, k) =>
    model.getLayer(`mixer_0_${k}`).setWeights([
      tensor(b["norm1.weight"]),
      tensor(b["norm1.bias"]),
      kernel(b["time.weight"]),
      tensor(b["time.bias"]),
      tensor(b["norm2.weight"]),
      tensor(b["norm2.bias"]),
      kernel(b["ff.weight"]),
      tensor(b["ff.bias"]),
      kernel(b["out.weight"]),
      tensor(b["out.bias"]),
    ])
  );
  model.getLayer("head_0").setWeights([kernel(fixture.head.weight), tensor(fixture.head.bias)]);
}

Deno.test("TSMixer equals the PyTorch reference, with and without RevIN", () => {
  for (const revin of [false, true]) {
    const model = buildTsMixer(args({ revin }));
    loadReference(model);
    const y = model.predict(tensor(fixture.input)) as tf.Tensor;
    assert.deepEqual(y.shape, [4, fixture.config.horizon]);
    assertClose(
      y.dataSync(),
      (revin ? fixture.outputRevin : fixture.output).values,
      1e-5,
      `revin ${revin}`,
    );
    model.dispose();
  }
});

Deno.test("RevIN: each window's own statistics — affine maps of a window's channels pass through", () => {
  const model = buildTsMixer(args({ revin: true }));
  loadReference(model);
  const x = tensor(fixture.input) as tf.Tensor3D;
  // Scale and shift every channel of every window (positive scales): the forecast of the target
  // channel moves with the target's own scale and shift, and nothing else changes it.
  const scale = tf.tensor([[[2, 0.5, 3]]]);
  const shift = tf.tensor([[[0.1, -4, 7]]]);
  const base = (model.predict(x) as tf.Tensor).arraySync() as number[][];
  const moved = (model.predict(tf.add(tf.mul(x, scale), shift)) as tf.Tensor)
    .arraySync() as number[][];
  base.forEach((row, i) => assertClose(moved[i], row.map((v) => 2 * v + 0.1), 1e-4, `window ${i}`));
  // Another window in the batch never changes this one's forecast.
  const alone = (model.predict(x.slice([0, 0, 0], [1, -1, -1])) as tf.Tensor)
    .arraySync() as number[][];
  assertClose(alone[0], base[0], 1e-6, "window 0 alone");
  model.dispose();
});

Deno.test("multi-scale TSMixer: paths over lengths and resamplings, fused by dense or gate", async () => {
  const window = 20;
  const paths = [{ length: 5, every: 1 }, { length: 20, every: 1 }, { length: 4, every: 5 }];
  const x = tf.randomNormal([3, window, 3], 0, 1, "float32", 4);
  for (const fuse of ["concat", "gate"] as const) {
    const model = buildTsMixer(args({ window, paths, fuse, blocks: 1 }));
    const y = model.predict(x) as tf.Tensor;
    assert.deepEqual(y.shape, [3, 2]);
    assert.ok(y.dataSync().every(Number.isFinite));
    if (fuse === "gate") {
      const weights = (model.getLayer("gate") as ScaleGate).pathWeights();
      assert.equal(weights.length, 3);
      assert.ok(Math.abs(weights.reduce((a, b) => a + b, 0) - 1) < 1e-6);
    }
    const loaded = await loadLayersModel(await saveLayersModel(model));
    assert.deepEqual(
      Array.from((loaded.predict(x) as tf.Tensor).dataSync()),
      Array.from(y.dataSync()),
    );
    // The weekly path averages groups of five bars of the last 20.
    const scaled = tf.model({
      inputs: model.inputs,
      outputs: model.getLayer("scale_2").output as tf.SymbolicTensor,
    });
    const weekly = (scaled.predict(x) as tf.Tensor).arraySync() as number[][][];
    const bars = x.arraySync() as number[][][];
    const mean = (t: number) => [0, 1, 2, 3, 4].reduce((s, k) => s + bars[1][t * 5 + k][2], 0) / 5;
    [0, 1, 2, 3].forEach((t) => assert.ok(Math.abs(weekly[1][t][2] - mean(t)) < 1e-6));
    model.dispose();
    loaded.dispose();
  }
  assert.throws(
    () => buildTsMixer(args({ window: 10, paths: [{ length: 5, every: 5 }] })),
    /needs a window of 25 bars; the window has 10/,
  );
});

Deno.test("TSMixer: the same seed builds the same network; gradients reach every weight", () => {
  const x = tf.randomNormal([4, 10, 3], 0, 1, "float32", 8);
  const [a, b] = [buildTsMixer(args()), buildTsMixer(args())];
  assert.deepEqual(
    Array.from((a.predict(x) as tf.Tensor).dataSync()),
    Array.from((b.predict(x) as tf.Tensor).dataSync()),
  );
  const variables = a.trainableWeights.map((w) => w.read() as tf.Variable);
  const { grads } = tf.variableGrads(
    () => tf.sum(tf.square(a.apply(x) as tf.Tensor)) as tf.Scalar,
    variables,
  );
  for (const v of variables) {
    assert.ok(grads[v.name].dataSync().some((g) => g !== 0), `gradient reaches ${v.name}`);
  }
  a.dispose();
  b.dispose();
});
