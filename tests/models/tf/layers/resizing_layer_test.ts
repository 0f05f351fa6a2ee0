/**
 * What the GLU and ResampleNorm share through `ResizingLayer`: their sizes, output shape
 * and config (a stacked copy included), and a single-input `call` that passes `training`
 * on (the GLU's dropout acts only when training).
 */
import assert from "node:assert/strict";
import * as tf from "@tensorflow/tfjs";
import { initBackend } from "../../../../models/tf/backend.ts";
import { GatedLinearUnit } from "../../../../models/tf/layers/glu.ts";
import { ResampleNorm } from "../../../../models/tf/layers/resample_norm.ts";

await initBackend("wasm");

Deno.test("ResizingLayer: sizes, output shape and config of a GLU and a ResampleNorm", () => {
  const glu = new GatedLinearUnit({
    name: "glu",
    seed: 1,
    inputSize: 4,
    outputSize: 3,
    dropout: 0.5,
    stack: 2,
  });
  const norm = new ResampleNorm({ name: "norm", seed: 1, inputSize: 3, outputSize: 5 });
  assert.deepEqual(glu.computeOutputShape([2, 7, 4]), [2, 7, 3]);
  assert.deepEqual(norm.computeOutputShape([6, 3]), [6, 5]);
  const { inputSize, outputSize, stack, dropout } = glu.getConfig();
  assert.deepEqual({ inputSize, outputSize, stack, dropout }, {
    inputSize: 4,
    outputSize: 3,
    stack: 2,
    dropout: 0.5,
  });
  assert.equal(norm.getConfig().stack, 0);
  const copy = new GatedLinearUnit(glu.getConfig() as never);
  assert.deepEqual([copy.inputSize, copy.outputSize, copy.stack, copy.dropout], [4, 3, 2, 0.5]);
});

Deno.test("ResizingLayer: call reads one input and passes training on", () => {
  const glu = new GatedLinearUnit({
    name: "glu_call",
    seed: 2,
    inputSize: 4,
    outputSize: 3,
    dropout: 0.5,
  });
  const x = tf.randomNormal([5, 4], 0, 1, "float32", 3);
  const inference = glu.apply([x], { training: false }) as tf.Tensor;
  assert.deepEqual([...inference.dataSync()], [...glu.forward(x, false).dataSync()]);
  const training = glu.apply(x, { training: true }) as tf.Tensor;
  assert.notDeepEqual([...training.dataSync()], [...inference.dataSync()], "dropout acted");
  tf.dispose([x, inference, training]);
  glu.dispose();
});
