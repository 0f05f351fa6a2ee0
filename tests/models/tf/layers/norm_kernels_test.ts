/**
 * The fused ops' add & layer norm (`models/tf/layers/norm_kernels.ts`): on wasm one kernel
 * per direction in JavaScript on the heap (float64 sums), elsewhere tfjs ops. Both paths,
 * wrapped as an op with their hand-written gradient, against autodiff of the plain formula
 * (value and every gradient within 1e-5 relative), in the plain [N, n] and stacked
 * [V, N, n] layouts; and the two paths against each other on the same inputs.
 */
import assert from "node:assert/strict";
import * as tf from "@tensorflow/tfjs";
import { initBackend } from "../../../../models/tf/backend.ts";
import { SeededRandom } from "../../../../models/tf/rng.ts";
import { addNormBackward, addNormForward } from "../../../../models/tf/layers/norm_kernels.ts";
import { assertClose, compare, randomTensor } from "./autodiff.ts";

await initBackend("wasm");

/** LayerNorm(x + skip) with the hand-written gradient, as one op. */
function fusedOp(withSkip: boolean) {
  return tf.customGrad(
    // deno-lint-ignore no-explicit-any
    ((...args: any[]) => {
      const save = args.pop();
      const [x, skip, gamma, beta] = withSkip ? args : [args[0], null, args[1], args[2]];
      const n = addNormForward(x, skip, gamma, beta);
      save([n.xhat, n.rstd, gamma]);
      return {
        value: n.y,
        gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => {
          const [xhat, rstd, g] = saved;
          const b = addNormBackward(dy, { y: dy, xhat, rstd }, g);
          return withSkip ? [b.dx, b.dx, b.dGamma, b.dBeta] : [b.dx, b.dGamma, b.dBeta];
        },
      };
      // deno-lint-ignore no-explicit-any
    }) as any,
  );
}

function reference(xs: tf.Tensor[], withSkip: boolean): tf.Tensor {
  const [x, skip, gamma, beta] = withSkip ? xs : [xs[0], null, xs[1], xs[2]];
  const sum = skip ? tf.add(x, skip) : x;
  const { mean, variance } = tf.moments(sum, -1, true);
  return tf.add(tf.mul(tf.div(tf.sub(sum, mean), tf.sqrt(tf.add(variance, 1e-5))), gamma), beta);
}

const CASES = [
  { label: "plain with skip", rows: [13], n: 16, skip: true },
  { label: "plain, no skip, wide", rows: [7], n: 40, skip: false },
  { label: "stacked with skip", rows: [3, 9], n: 16, skip: true },
  { label: "stacked, no skip", rows: [4, 5], n: 6, skip: false },
];

function inputsOf(c: typeof CASES[number], seed: number): tf.Tensor[] {
  const random = randomTensor(new SeededRandom(seed));
  const unit = c.rows.length === 2 ? [c.rows[0], 1, c.n] : [c.n];
  const x = random([...c.rows, c.n], 3);
  const skip = random([...c.rows, c.n]);
  const gamma = tf.add(random(unit, 0.2), 1);
  return [x, ...(c.skip ? [skip] : []), gamma, random(unit, 0.1)];
}

for (const backend of ["wasm", "cpu"]) {
  for (const c of CASES) {
    Deno.test(`add & norm on ${backend} equals autodiff of the formula (${c.label})`, async () => {
      await tf.setBackend(backend);
      try {
        const inputs = inputsOf(c, 7);
        const names = ["x", ...(c.skip ? ["skip"] : []), "gamma", "beta"];
        const before = tf.memory().numTensors;
        compare({
          label: `${backend} ${c.label}`,
          fused: (xs) => fusedOp(c.skip)(...xs) as tf.Tensor,
          reference: (xs) => reference(xs, c.skip),
          inputs,
          names,
          random: randomTensor(new SeededRandom(11)),
        });
        assert.equal(tf.memory().numTensors, before, "a tensor leaked");
        tf.dispose(inputs);
      } finally {
        await tf.setBackend("wasm");
      }
    });
  }
}

Deno.test("add & norm: the wasm kernels equal the tfjs ops on the same inputs", async () => {
  for (const c of CASES) {
    const outputs: Record<string, tf.Tensor[]> = {};
    for (const backend of ["wasm", "cpu"]) {
      await tf.setBackend(backend);
      const [x, ...rest] = inputsOf(c, 3);
      const [gamma, beta] = rest.slice(-2);
      const skip = c.skip ? rest[0] : null;
      const dy = randomTensor(new SeededRandom(4))(x.shape);
      const n = addNormForward(x, skip, gamma, beta);
      const b = addNormBackward(dy, n, gamma);
      // read back before switching: each backend keeps its own data
      outputs[backend] = [n.y, n.xhat, n.rstd, b.dx, b.dGamma, b.dBeta].map((t) =>
        tf.tensor(t.dataSync(), t.shape)
      );
    }
    await tf.setBackend("wasm");
    const names = ["y", "xhat", "rstd", "dx", "dGamma", "dBeta"];
    names.forEach((name, i) =>
      assertClose(outputs.wasm[i], outputs.cpu[i], `${c.label} ${name}`, 1e-5)
    );
  }
});

Deno.test("add & norm refuses γ that does not split the rows", () => {
  const x = tf.zeros([5, 4]);
  const gamma = tf.ones([2, 1, 4]);
  assert.throws(() => addNormForward(x, null, gamma, gamma), /does not split/);
});
