/**
 * Sampling from market-gpt: deterministic per seed (same network, context and seed → the
 * same paths; another seed → other paths), and the inverse-CDF draw interpolates between the
 * quantiles and continues the outermost slope beyond them.
 */
import assert from "node:assert/strict";
import { initBackend } from "../../../models/tf/backend.ts";
import { marketGptConfig } from "../../../models/market_gpt/config.ts";
import { buildMarketGpt } from "../../../models/market_gpt/network.ts";
import { quantileDraw, samplePaths } from "../../../models/market_gpt/sample.ts";
import { SeededRandom } from "../../../models/tf/rng.ts";

await initBackend("wasm");

Deno.test("quantileDraw: linear between quantiles, the outermost slope beyond them", () => {
  const levels = [0.1, 0.5, 0.9];
  const values = [-2, 0, 4];
  const close = (u: number, expected: number) =>
    assert.ok(Math.abs(quantileDraw(levels, values, u) - expected) < 1e-12, `u = ${u}`);
  close(0.5, 0);
  close(0.3, -1);
  close(0.7, 2);
  close(0.95, 4.5);
  close(0.05, -2.25);
});

Deno.test("samplePaths: the same seed gives the same paths, another seed other paths", () => {
  const config = marketGptConfig.parse({ dModel: 8, heads: 2, layers: 1, feedForward: 8 });
  const L = 6;
  const network = buildMarketGpt(config, {
    staticSize: 0,
    pastSize: 2,
    knownSize: 0,
    encoderLength: L,
    horizon: 1,
  }, 9);
  try {
    const random = new SeededRandom(2);
    const context = Float32Array.from({ length: L * 2 }, () => random.normal());
    const options = {
      context,
      encoderLength: L,
      returnPart: 0,
      rangePart: 1,
      parts: 2,
      levels: config.quantiles,
      steps: 30,
      paths: 4,
      seed: 17,
      clip: 5,
    };
    const first = samplePaths(network, options);
    assert.equal(first.length, 4 * 30);
    assert.ok(first.every((v) => Number.isFinite(v) && Math.abs(v) <= 5));
    assert.deepEqual(samplePaths(network, options), first);
    assert.notDeepEqual(samplePaths(network, { ...options, seed: 18 }), first);
    // Paths differ from each other: each draws its own values.
    assert.notDeepEqual(first.subarray(0, 30), first.subarray(30, 60));
  } finally {
    network.model.dispose();
  }
});
