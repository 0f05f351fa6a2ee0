import assert from "node:assert/strict";
import {
  encode,
  encodeLayer,
  fitStackedAutoencoder,
} from "../../../models/sae/stacked_autoencoder.ts";
import { SeededRandom } from "../../../models/tf/rng.ts";

// 300 rows of 6 inputs driven by 2 factors: an autoencoder can reconstruct them well.
const rng = new SeededRandom(9);
const rows = 300;
const cols = 6;
const values = new Float64Array(rows * cols);
for (let i = 0; i < rows; i++) {
  const [f, g] = [rng.normal(), rng.normal()];
  for (let k = 0; k < cols; k++) values[i * cols + k] = (k + 1) * 0.3 * f - 0.2 * k * g;
}
const x = { rows, cols, values };
const options = { layers: 4, hidden: 10, epochs: 150, learningRate: 0.01, weightDecay: 1e-4 };

Deno.test("greedy stack: 4 layers of 10 units, each reconstructing its own inputs", () => {
  const layers = fitStackedAutoencoder(x, { ...options, seed: 1 });
  assert.deepEqual(layers.map((l) => [l.inputs, l.hidden]), [[6, 10], [10, 10], [10, 10], [
    10,
    10,
  ]]);
  let variance = 0;
  for (const v of values) variance += v * v;
  variance /= values.length;
  // The first layer explains most of its inputs' variance (a mean-only decoder would not).
  assert.ok(layers[0].loss < 0.2 * variance, `${layers[0].loss} vs ${variance}`);
  const codes = encode(layers, x);
  assert.equal(codes.cols, 10);
  assert.ok(codes.values.every((v) => v > 0 && v < 1));
  assert.deepEqual(encode(layers.slice(0, 1), x).values, encodeLayer(layers[0], x).values);
});

Deno.test("the same seed gives the same encoder bit for bit; another seed another one", () => {
  const a = fitStackedAutoencoder(x, { ...options, epochs: 20, seed: 4 });
  const b = fitStackedAutoencoder(x, { ...options, epochs: 20, seed: 4 });
  const c = fitStackedAutoencoder(x, { ...options, epochs: 20, seed: 5 });
  assert.deepEqual(encode(a, x).values, encode(b, x).values);
  assert.notDeepEqual(encode(a, x).values, encode(c, x).values);
});

Deno.test("bad inputs are refused with what is wrong", () => {
  const bad = Float64Array.from(values);
  bad[7] = NaN;
  assert.throws(
    () => fitStackedAutoencoder({ rows, cols, values: bad }, { ...options, seed: 1 }),
    /training inputs contain a value that is not a number/,
  );
  const layers = fitStackedAutoencoder(x, { ...options, epochs: 2, seed: 1 });
  assert.throws(
    () => encode(layers, { rows: 1, cols: 3, values: new Float64Array(3) }),
    /6 inputs, got 3/,
  );
});
