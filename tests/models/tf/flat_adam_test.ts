import assert from "node:assert/strict";
import * as tf from "@tensorflow/tfjs";
import { initBackend } from "../../../models/tf/backend.ts";
import { FlatAdam } from "../../../models/tf/flat_adam.ts";
import { SeededRandom } from "../../../models/tf/rng.ts";

await initBackend("wasm");

function variables(seed: number): tf.Variable[] {
  const rng = new SeededRandom(seed);
  return [[3, 4], [4], [2, 2, 3], [1]].map((shape) =>
    tf.variable(
      tf.tensor(
        Float32Array.from({ length: shape.reduce((a, b) => a * b, 1) }, () => rng.normal()),
        shape,
      ),
    )
  );
}

/** A loss with different curvature per variable, so the moments differ between them. */
function loss(vars: tf.Variable[]): tf.Scalar {
  return tf.addN(
    vars.map((v, i) => tf.sum(tf.mul(tf.square(tf.sub(v, 0.3 * i)), i + 1))),
  ) as tf.Scalar;
}

Deno.test("FlatAdam follows tfjs's Adam step for step", () => {
  const ours = variables(1);
  const theirs = variables(1);
  const flat = new FlatAdam(ours, { learningRate: 0.05 });
  const adam = tf.train.adam(0.05);
  for (let step = 0; step < 25; step++) {
    tf.tidy(() => {
      const g1 = tf.variableGrads(() => loss(ours), ours).grads;
      flat.apply(flat.flatten(ours.map((v) => g1[v.name])));
      adam.applyGradients(
        tf.variableGrads(() => loss(theirs), theirs).grads as Parameters<
          typeof adam.applyGradients
        >[0],
      );
    });
  }
  assert.equal(flat.iterations, 25);
  ours.forEach((v, i) => {
    const a = v.dataSync();
    const b = theirs[i].dataSync();
    a.forEach((x, k) => assert.ok(Math.abs(x - b[k]) < 1e-5, `var ${i}[${k}]: ${x} vs ${b[k]}`));
  });
  // and it descended
  const start = variables(1);
  const value = (vars: tf.Variable[]) => tf.tidy(() => loss(vars).dataSync()[0]);
  assert.ok(value(ours) < 0.5 * value(start));
  tf.dispose(start);
  tf.dispose([...ours, ...theirs]);
  flat.dispose();
  adam.dispose();
});

Deno.test("FlatAdam decoupled decay shrinks weights before the step; no tensor leaks", () => {
  const vars = variables(2);
  const before = vars.map((v) => [...v.dataSync()]);
  const flat = new FlatAdam(vars, { learningRate: 0.1 });
  const count = tf.memory().numTensors;
  tf.tidy(() => flat.apply(tf.zeros([flat.size]) as tf.Tensor1D, 0.5));
  // zero gradient: Adam's update is 0, only the decay acts
  vars.forEach((v, i) =>
    v.dataSync().forEach((x, k) => assert.ok(Math.abs(x - 0.5 * before[i][k]) < 1e-7))
  );
  assert.equal(tf.memory().numTensors, count);
  assert.throws(() => flat.flatten([tf.zeros([1])]), /1 gradients for 4 variables/);
  tf.dispose(vars);
  flat.dispose();
});
