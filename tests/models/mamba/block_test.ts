/**
 * The Mamba block against the PyTorch reference (`fixtures/make_torch_reference.py`: the slow
 * path of `mamba_simple.Mamba` with `selective_scan_ref`): the reference's weights loaded
 * into our layer give its outputs and gradients. Recurrent inference equals the full
 * forward; the reference initialisation holds; the layer round-trips its config.
 */
import assert from "node:assert/strict";
import * as tf from "@tensorflow/tfjs";
import { assertClose } from "../assert_close.ts";
import { initBackend } from "../../../models/tf/backend.ts";
import { MambaBlock, mambaShape } from "../../../models/mamba/block.ts";
import { loadLayersModel, saveLayersModel } from "../../../models/tf/serialize.ts";

await initBackend("wasm");

interface Array_ {
  shape: number[];
  values: number[];
}
const fixture = JSON.parse(
  await Deno.readTextFile(new URL("./fixtures/torch_mamba_reference.json", import.meta.url)),
) as {
  config: { dModel: number; dState: number; expand: number; dConv: number; dtRank: number };
  parameters: Record<string, Array_>;
  input: Array_;
  output: Array_;
  lossWeights: Array_;
  inputGradient: Array_;
  inProjGradient: Array_;
};

const tensor = (a: Array_) => tf.tensor(a.values, a.shape);
/** torch [out, in] (or [E, 1, k] for the depthwise conv) → our [in, out] layout. */
const transposed = (name: string) => {
  const p = fixture.parameters[name];
  return tf.transpose(tf.reshape(tensor(p), [p.shape[0], -1]));
};

function referenceBlock(scan: "parallel" | "sequential"): MambaBlock {
  const block = new MambaBlock({ ...fixture.config, seed: 1, scan });
  block.apply(tf.input({ shape: [null, fixture.config.dModel] }));
  block.setWeights([
    transposed("in_proj.weight"),
    transposed("conv1d.weight"),
    tensor(fixture.parameters["conv1d.bias"]),
    transposed("x_proj.weight"),
    transposed("dt_proj.weight"),
    tensor(fixture.parameters["dt_proj.bias"]),
    tensor(fixture.parameters["A_log"]),
    tensor(fixture.parameters["D"]),
    transposed("out_proj.weight"),
  ]);
  return block;
}

Deno.test("Mamba block equals the PyTorch reference: outputs and gradients, both scans", () => {
  for (const scan of ["parallel", "sequential"] as const) {
    const block = referenceBlock(scan);
    const input = tensor(fixture.input) as tf.Tensor3D;
    const output = block.apply(input) as tf.Tensor;
    assertClose(output.dataSync(), fixture.output.values, 1e-5, `${scan} output`);
    const weights = tensor(fixture.lossWeights);
    const loss = () => tf.sum(tf.mul(block.apply(input) as tf.Tensor, weights)) as tf.Scalar;
    const inputGrad = tf.grad((x: tf.Tensor) =>
      tf.sum(tf.mul(block.apply(x) as tf.Tensor, weights))
    )(input);
    assertClose(inputGrad.dataSync(), fixture.inputGradient.values, 1e-4, `${scan} d/dinput`);
    const variables = block.trainableWeights.map((w) => w.read() as tf.Variable);
    const { grads } = tf.variableGrads(loss, variables);
    const inProj = grads[variables[0].name];
    const expected = tf.transpose(tensor(fixture.inProjGradient)).dataSync();
    assertClose(inProj.dataSync(), expected, 1e-4, `${scan} d/din_proj`);
    for (const [name, grad] of Object.entries(grads)) {
      assert.ok(grad.dataSync().some((v) => v !== 0), `${scan}: gradient reaches ${name}`);
    }
    tf.dispose([output, weights, inputGrad, input, ...Object.values(grads)]);
    block.dispose();
  }
});

Deno.test("Mamba block: recurrent inference bar by bar equals the full-sequence forward", () => {
  const block = referenceBlock("parallel");
  const input = tensor(fixture.input) as tf.Tensor3D;
  const full = block.apply(input) as tf.Tensor3D;
  const [batch, length] = input.shape;
  let state = block.initialState(batch);
  for (let t = 0; t < length; t++) {
    const bar = tf.squeeze(input.slice([0, t, 0], [-1, 1, -1]), [1]) as tf.Tensor2D;
    const next = block.step(bar, state);
    const expected = full.slice([0, t, 0], [-1, 1, -1]).dataSync();
    assertClose(next.output.dataSync(), expected, 1e-5, `bar ${t}`);
    tf.dispose([bar, next.output, state.conv, state.ssm]);
    state = next.state;
  }
  tf.dispose([input, full, state.conv, state.ssm]);
  block.dispose();
});

Deno.test("Mamba block: the reference initialisation, seeded; shape defaults; save and load", async () => {
  const shape = mambaShape(32);
  assert.deepEqual(shape, { dModel: 32, dState: 16, expand: 2, dConv: 4, dtRank: 2 });
  const build = (seed: number) => {
    const block = new MambaBlock({ ...shape, seed });
    block.apply(tf.input({ shape: [null, 32] }));
    return block;
  };
  const [a, b, c] = [build(5), build(5), build(6)];
  const values = (block: MambaBlock) => block.getWeights().map((w) => Array.from(w.dataSync()));
  assert.deepEqual(values(a), values(b));
  assert.notDeepEqual(values(a), values(c));
  const byName: Record<string, tf.Tensor> = Object.fromEntries(
    a.weights.map((w) => [w.originalName.split("/").pop(), w.read()]),
  );
  // A = −exp(A_log) = −(1 … N) per channel; D = 1; softplus(dt bias) within [dt_min, dt_max].
  assert.deepEqual(
    Array.from(tf.exp(byName.aLog).dataSync()).slice(0, 16).map(Math.round),
    Array.from({ length: 16 }, (_, i) => i + 1),
  );
  assert.ok(byName.d.dataSync().every((v) => v === 1));
  const dt = tf.softplus(byName.dtBias).dataSync();
  assert.ok(
    dt.every((v) => v >= 0.001 - 1e-7 && v <= 0.1 + 1e-7),
    "Δ initialised in [dt_min, dt_max]",
  );
  // Saved and loaded as a model (className, getConfig, registerClass): same outputs.
  const input = tf.input({ shape: [6, 32] });
  const model = tf.model({ inputs: input, outputs: a.apply(input) as tf.SymbolicTensor });
  const loaded = await loadLayersModel(await saveLayersModel(model));
  const x = tf.randomNormal([2, 6, 32], 0, 1, "float32", 9);
  const [p, q] = [model.predict(x) as tf.Tensor, loaded.predict(x) as tf.Tensor];
  assert.deepEqual(Array.from(q.dataSync()), Array.from(p.dataSync()));
  assert.deepEqual((loaded.layers[1] as MambaBlock).shape, a.shape);
  tf.dispose([x, p, q]);
  loaded.dispose();
  assert.throws(
    () => new MambaBlock({ ...shape, dState: 0, seed: 1 }),
    /dState must be a positive integer/,
  );
  [a, b, c].forEach((block) => block.dispose());
});
