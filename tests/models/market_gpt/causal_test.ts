/**
 * The market-gpt decoder cannot see the future: changing bar t+1 of a window leaves every
 * output (return and range quantiles) at steps ≤ t bit-identical, and does change step t+1.
 */
import assert from "node:assert/strict";
import * as tf from "@tensorflow/tfjs";
import { initBackend } from "../../../models/tf/backend.ts";
import { marketGptConfig } from "../../../models/market_gpt/config.ts";
import { buildMarketGpt, sequenceOutputs } from "../../../models/market_gpt/network.ts";
import { SeededRandom } from "../../../models/tf/rng.ts";

await initBackend("wasm");

const L = 12, P = 2;
const config = marketGptConfig.parse({ dModel: 8, heads: 2, layers: 2, feedForward: 8 });
const shape = { staticSize: 0, pastSize: P, knownSize: 0, encoderLength: L, horizon: 1 };

function window(seed: number): Float32Array {
  const random = new SeededRandom(seed);
  return Float32Array.from({ length: L * P }, () => random.next() * 2 - 1);
}

function outputs(network: ReturnType<typeof buildMarketGpt>, values: Float32Array) {
  return tf.tidy(() => {
    const { returns, range } = sequenceOutputs(network, tf.tensor3d(values, [1, L, P]), false);
    return { returns: returns.dataSync().slice(), range: range.dataSync().slice() };
  });
}

Deno.test("market-gpt: perturbing bar t+1 leaves every output at steps ≤ t unchanged", () => {
  const network = buildMarketGpt(config, shape, 3);
  try {
    const base = window(1);
    const before = outputs(network, base);
    const q = config.quantiles.length;
    for (const t of [0, 4, L - 2]) {
      const changed = base.slice();
      for (let p = 0; p < P; p++) changed[(t + 1) * P + p] += 3 + p;
      const after = outputs(network, changed);
      for (const head of ["returns", "range"] as const) {
        const upTo = (t + 1) * q;
        assert.deepEqual(after[head].slice(0, upTo), before[head].slice(0, upTo), `${head} ≤ ${t}`);
        const next = after[head].slice(upTo, upTo + q);
        assert.notDeepEqual(next, before[head].slice(upTo, upTo + q), `${head} at ${t + 1} moved`);
      }
    }
  } finally {
    network.model.dispose();
  }
});
