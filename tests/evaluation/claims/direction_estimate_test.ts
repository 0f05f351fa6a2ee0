import assert from "node:assert/strict";
import {
  alwaysLongEstimate,
  directionEstimate,
} from "../../../evaluation/claims/direction_estimate.ts";
import { SeededRandom } from "../../../models/tf/rng.ts";

const rng = new SeededRandom(5);
const actual = Float64Array.from({ length: 400 }, () => 0.0005 + 0.01 * rng.normal());

Deno.test("a perfect forecast scores 1 and beats always-long; a coin flip does not", () => {
  const perfect = directionEstimate({ point: actual, actual, seed: "t" });
  assert.equal(perfect.value, 1);
  assert.equal(perfect.rows, 400);
  assert.ok(perfect.pValue! < 1e-10);
  const flips = Float64Array.from(actual, () => rng.normal());
  const coin = directionEstimate({ point: flips, actual, seed: "t", departures: ["x"] });
  assert.ok(coin.low! <= coin.value && coin.value <= coin.high!);
  assert.ok(coin.high! - coin.low! > 0.05 && coin.high! - coin.low! < 0.2);
  assert.ok(coin.pValue! > 0.01);
  assert.deepEqual(coin.departures, ["x"]);
});

Deno.test("always-long's estimate is the share of up days; a forecast of all ups equals it", () => {
  const base = alwaysLongEstimate(actual, "t");
  const ups = actual.filter((r) => r > 0).length / actual.length;
  assert.equal(base.value, ups);
  const long = directionEstimate({ point: new Float64Array(400).fill(1), actual, seed: "t" });
  assert.equal(long.value, ups);
  assert.equal(long.pValue, null); // identical losses: nothing to test
  assert.deepEqual([long.low, long.high], [base.low, base.high]);
  assert.throws(() => directionEstimate({ point: [1], actual, seed: "t" }), /1 forecasts but 400/);
});
