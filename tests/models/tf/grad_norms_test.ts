/**
 * The output/encoder gradient-norm diagnostic read off the flat gradient vector: the ranges
 * a group occupies, the norm over them on every backend this machine can start (it must sum
 * every range: tfjs 4.22's webgpu AddN kernel sums only its first four inputs), and the same
 * ratio as norms taken per weight tensor.
 */
import assert from "node:assert/strict";
import * as tf from "@tensorflow/tfjs";
import { initBackend } from "../../../models/tf/backend.ts";
import {
  flatRanges,
  gradientGroups,
  gradRatio,
  rangesNorm,
} from "../../../models/tf/grad_norms.ts";
import { requestWebGpuAdapter } from "../../../models/tf/webgpu_adapter.ts";

const adapter = await requestWebGpuAdapter().catch(() => null);

await initBackend("wasm");

function variables(sizes: number[], prefix: string): tf.Variable[] {
  return sizes.map((size, i) => tf.variable(tf.zeros([size]), true, `${prefix}_${i}`));
}

Deno.test("flatRanges: a group's places in the flat vector, adjacent ones merged", () => {
  const all = variables([3, 2, 4, 1, 5], "ranges");
  const [a, b, c, d, e] = all;
  assert.deepEqual(flatRanges(all, [b, c]), [{ start: 3, size: 6 }]);
  assert.deepEqual(flatRanges(all, [e, a, d]), [{ start: 0, size: 3 }, { start: 9, size: 6 }]);
  assert.deepEqual(flatRanges(all, [c, c]), [{ start: 5, size: 4 }], "a repeat counts once");
  const stranger = tf.variable(tf.zeros([7]), true, "ranges_stranger");
  assert.deepEqual(flatRanges(all, [stranger]), [], "not trained: no gradient");
  assert.equal(gradientGroups(all, { outputVariables: [a], encoderVariables: [] }), null);
  tf.dispose([...all, stranger]);
});

async function normOfNineRanges(): Promise<number> {
  // Nine ranges with a gap between each: range i holds i + 1 copies of i + 1.
  const values: number[] = [];
  const ranges = Array.from({ length: 9 }, (_, i) => {
    values.push(100);
    const start = values.length;
    for (let k = 0; k <= i; k++) values.push(i + 1);
    return { start, size: i + 1 };
  });
  const flat = tf.tensor1d(values);
  const norm = rangesNorm(flat, ranges);
  const value = (await norm.data())[0];
  tf.dispose([norm, flat]);
  return value;
}

const expected = Math.sqrt(
  Array.from({ length: 9 }, (_, i) => (i + 1) ** 3).reduce((a, b) => a + b),
);

for (const backend of ["wasm", "cpu", "webgpu"] as const) {
  Deno.test({
    name: `rangesNorm sums all nine ranges and nothing else on ${backend}`,
    ignore: backend === "webgpu" && !adapter,
    sanitizeOps: false,
    sanitizeResources: false,
    fn: async () => {
      await initBackend(backend);
      try {
        assert.ok(Math.abs((await normOfNineRanges()) - expected) < 1e-4);
        const flat = tf.ones([4]) as tf.Tensor1D;
        const empty = rangesNorm(flat, []);
        assert.equal((await empty.data())[0], 0);
        tf.dispose([empty, flat]);
      } finally {
        await initBackend("wasm");
      }
    },
  });
}

Deno.test("gradRatio equals the ratio of norms taken weight tensor by weight tensor", async () => {
  const all = variables([6, 3, 8, 2, 5, 4], "ratio");
  const network = { outputVariables: [all[4], all[5]], encoderVariables: [all[0], all[2]] };
  const grads = all.map((v, i) => tf.randomNormal([v.size], 0, 1, "float32", i + 1));
  const flat = tf.concat(grads, 0) as tf.Tensor1D;
  const ratio = gradRatio(flat, gradientGroups(all, network)!);
  const normOf = async (indices: number[]) => {
    let sum = 0;
    for (const i of indices) for (const g of await grads[i].data()) sum += g * g;
    return Math.sqrt(sum);
  };
  const reference = (await normOf([4, 5])) / (await normOf([0, 2]));
  const value = (await ratio.data())[0];
  assert.ok(Math.abs(value - reference) < 1e-5 * reference, `${value} vs ${reference}`);
  tf.dispose([...all, ...grads, flat, ratio]);
});
