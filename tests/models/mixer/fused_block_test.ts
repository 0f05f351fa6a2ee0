/**
 * The fused TSMixer block (`models/mixer/fused_block.ts`) against autodiff of the plain
 * formulation (`block_reference.ts`): forward output and the gradients of x and all ten
 * weights agree within |a − e| ≤ tol · max(1, |e|), with and without dropout masks: tol =
 * 1e-5 at a small shape, 1e-4 at the `bench mixers/epoch` shape (B 64, L 60), where weight
 * gradients sum 3,840 float32 products in another order than autodiff does; the layer draws its masks in the order
 * the plain layer did, so seeded fits with dropout follow the same random stream.
 */
import assert from "node:assert/strict";
import * as tf from "@tensorflow/tfjs";
import { assertClose } from "../assert_close.ts";
import { initBackend } from "../../../models/tf/backend.ts";
import {
  BLOCK_WEIGHTS,
  type BlockMasks,
  type BlockWeights,
  fusedMixerBlock,
} from "../../../models/mixer/fused_block.ts";
import { MixerBlock } from "../../../models/mixer/mixer_block.ts";
import { seededDropoutMask } from "../../../models/tf/dropout.ts";
import { SeededRandom } from "../../../models/tf/rng.ts";
import { referenceMixerBlock } from "./block_reference.ts";

await initBackend("wasm");

const TOLERANCE = 1e-5;
/** Weight gradients over B·L = 3,840 rows: float32 sums in a different order. */
const LARGE_TOLERANCE = 1e-4;

interface Case {
  tol: number;
  b: number;
  l: number;
  c: number;
  ff: number;
  dropout: number;
}

function weightsFor({ l, c, ff }: Case, seed: number): BlockWeights {
  const shapes: Record<string, number[]> = {
    norm1Gamma: [l, c],
    norm1Beta: [l, c],
    timeKernel: [l, l],
    timeBias: [l],
    norm2Gamma: [l, c],
    norm2Beta: [l, c],
    ffKernel: [c, ff],
    ffBias: [ff],
    outKernel: [ff, c],
    outBias: [c],
  };
  return Object.fromEntries(BLOCK_WEIGHTS.map((name, i) => {
    const scale = name.endsWith("Gamma") ? 0.3 : 0.2;
    const offset = name.endsWith("Gamma") ? 1 : 0;
    return [name, tf.randomNormal(shapes[name], offset, scale, "float32", seed + i)];
  })) as BlockWeights;
}

function masksFor({ b, l, c, ff, dropout }: Case, seed: number): BlockMasks | null {
  if (dropout === 0) return null;
  const stream = new SeededRandom(seed);
  const draw = (shape: number[]) => tf.tensor(seededDropoutMask(shape, dropout, stream), shape);
  return { time: draw([b, l, c]), hidden: draw([b * l, ff]), out: draw([b * l, c]) };
}

/** Output and the gradients of Σ y ⊙ probe with respect to x and every weight. */
function outputAndGrads(
  block: typeof fusedMixerBlock,
  x: tf.Tensor3D,
  w: BlockWeights,
  masks: BlockMasks | null,
  probe: tf.Tensor,
) {
  const names = [...BLOCK_WEIGHTS];
  const f = (xIn: tf.Tensor, ...weights: tf.Tensor[]) => {
    const wIn = Object.fromEntries(names.map((n, i) => [n, weights[i]])) as BlockWeights;
    return tf.sum(tf.mul(block(xIn as tf.Tensor3D, wIn, masks), probe));
  };
  const grads = tf.grads(f)([x, ...names.map((n) => w[n])]);
  const y = block(x, w, masks);
  return {
    y: y.dataSync(),
    grads: Object.fromEntries(["x", ...names].map((n, i) => [n, grads[i].dataSync()])),
  };
}

const CASES: Case[] = [
  { tol: TOLERANCE, b: 3, l: 7, c: 4, ff: 5, dropout: 0 },
  { tol: TOLERANCE, b: 3, l: 7, c: 4, ff: 5, dropout: 0.3 },
  { tol: LARGE_TOLERANCE, b: 64, l: 60, c: 8, ff: 64, dropout: 0.1 },
];

for (const testCase of CASES) {
  const { tol, b, l, c, ff, dropout } = testCase;
  Deno.test(`fused TSMixer block = autodiff of the plain block: B ${b}, L ${l}, C ${c}, ff ${ff}, dropout ${dropout}`, () => {
    tf.tidy(() => {
      const x = tf.randomNormal([b, l, c], 0.5, 2, "float32", 1) as tf.Tensor3D;
      const w = weightsFor(testCase, 10);
      const masks = masksFor(testCase, 5);
      const probe = tf.randomNormal([b, l, c], 0, 1, "float32", 2);
      const fused = outputAndGrads(fusedMixerBlock, x, w, masks, probe);
      const plain = outputAndGrads(referenceMixerBlock, x, w, masks, probe);
      assertClose(fused.y, plain.y, tol, "output");
      for (const [name, expected] of Object.entries(plain.grads)) {
        assert.ok(
          expected.some((g) => g !== 0),
          `the reference gradient of ${name} is not all zero`,
        );
        assertClose(fused.grads[name], expected, tol, `gradient of ${name}`);
      }
    });
  });
}

Deno.test("MixerBlock draws its dropout masks in the plain layer's order (time, hidden, out)", () => {
  const testCase = { tol: TOLERANCE, b: 2, l: 6, c: 3, ff: 4, dropout: 0.25 };
  const seed = 41;
  const layer = new MixerBlock({ length: 6, channels: 3, ffDim: 4, dropout: 0.25, seed });
  const x = tf.randomNormal([2, 6, 3], 0, 1, "float32", 3) as tf.Tensor3D;
  layer.apply(x); // builds the weights
  const values = layer.getWeights();
  const w = Object.fromEntries(BLOCK_WEIGHTS.map((n, i) => [n, values[i]])) as BlockWeights;
  for (let call = 0; call < 2; call++) {
    // The layer's dropout stream is SeededRandom(seed + 1); each call draws fresh masks.
    const stream = new SeededRandom(seed + 1);
    let masks = masksFromStream(testCase, stream);
    if (call === 1) masks = masksFromStream(testCase, stream);
    const actual = layer.apply(x, { training: true }) as tf.Tensor;
    assertClose(
      actual.dataSync(),
      referenceMixerBlock(x, w, masks).dataSync(),
      TOLERANCE,
      `call ${call}`,
    );
  }
  // Inference draws nothing and drops nothing.
  const inference = layer.apply(x) as tf.Tensor;
  assertClose(
    inference.dataSync(),
    referenceMixerBlock(x, w, null).dataSync(),
    TOLERANCE,
    "inference",
  );
});

function masksFromStream({ b, l, c, ff, dropout }: Case, stream: SeededRandom): BlockMasks {
  const draw = (shape: number[]) => tf.tensor(seededDropoutMask(shape, dropout, stream), shape);
  return { time: draw([b, l, c]), hidden: draw([b * l, ff]), out: draw([b * l, c]) };
}
