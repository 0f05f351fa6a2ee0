import assert from "node:assert/strict";
import { sameDayDesign, sameDayDesignParams } from "../../../tasks/claims/same_day_design.ts";
import {
  sameDayClaim,
  type SameDayScores,
  scoreSameDay,
} from "../../../tasks/claims/same_day_score.ts";
import { laggedPart } from "../../../data/features/bar_parts.ts";
import { assertFeaturesPrecedeTarget } from "../../../data/features/timing.ts";
import { recordingContext } from "../task_context.ts";
import { syntheticPrices } from "./synthetic_prices.ts";

const prices = syntheticPrices(1500);
const published = ["open", "high", "low", "value"] as const;
const params = (lag: number, asPublished = false) =>
  sameDayDesignParams.parse({
    features: published.map((part) => ({ part, lag })),
    asPublished: { sameDayFeatures: asPublished },
  });

Deno.test("the feature stage rejects the target bar's own open, high, low or volume, naming the feature", () => {
  assert.throws(
    () => sameDayDesign(prices, params(0), "sd-leak-free"),
    (error: Error) => {
      assert.match(error.message, /feature node sd-leak-free: feature "open\[t\]"/);
      assert.match(error.message, /observed on 2008-01-0\d, not strictly before its target/);
      assert.match(error.message, /Lag it by at least one bar \(lag: 1\)/);
      return true;
    },
  );
  // One same-day feature among lagged ones is enough to be rejected, and it is the one named.
  const mixed = sameDayDesignParams.parse({
    features: [{ part: "close", lag: 1 }, { part: "volume", lag: 0 }],
  });
  assert.throws(() => sameDayDesign(prices, mixed, "sd"), /feature "volume\[t\]"/);
});

Deno.test("the timing check compares dates, not lags: equal or later dates are rejected", () => {
  const target = ["2020-01-02", "2020-01-03"];
  assertFeaturesPrecedeTarget([{ name: "a", observed: ["2020-01-01", "2020-01-02"] }], target, "x");
  assert.throws(
    () =>
      assertFeaturesPrecedeTarget(
        [{ name: "b", observed: ["2020-01-01", "2020-01-06"] }],
        target,
        "x",
      ),
    /feature "b" is observed on 2020-01-06, not strictly before its target \(the return of 2020-01-03\)/,
  );
});

Deno.test("lagged bar parts read the previous bar and are dated by it", () => {
  const high = laggedPart(prices, { part: "high", lag: 1 });
  assert.equal(high.name, "high[t-1]");
  assert.equal(high.observed[10], prices.dates[9]);
  assert.ok(Math.abs(high.values[10] - Math.log(prices.high[9] / prices.close[8])) < 1e-12);
  assert.ok(Number.isNaN(laggedPart(prices, { part: "open", lag: 0 }).values[0]));
});

Deno.test("as published, same-day parts pass with the leak recorded, and inflate accuracy", async () => {
  const leaky = sameDayDesign(prices, params(0, true), "sd-as-published");
  assert.deepEqual(leaky.departures, [
    "same-day features (open[t], high[t], low[t], value[t]) observed on the target's day",
  ]);
  const clean = sameDayDesign(prices, params(1), "sd-leak-free");
  assert.deepEqual(clean.departures, []);
  const ctx = recordingContext("sd-scores");
  const scores = (await scoreSameDay.run(
    { published: leaky, leakFree: clean },
    { trainEnd: "2010-12-31", alpha: 1, costPerTrade: 0.0005 },
    ctx,
  )) as SameDayScores;
  // The synthetic walk has no predictable direction: only the leak can call it.
  assert.ok(scores.published.accuracy.value > 0.75, `${scores.published.accuracy.value}`);
  assert.ok(scores.published.accuracy.pValue! < 1e-6);
  assert.ok(Math.abs(scores.leakFree.accuracy.value - 0.5) < 0.06);
  assert.equal(scores.leakFree.accuracy.rows, scores.alwaysLong.accuracy.rows);
  assert.ok(scores.published.longShort.sharpe! > 3);
  const claim = sameDayClaim(scores);
  assert.equal(claim.claim, 4);
  assert.equal(claim.asPublished!.departures.length, 1);
  assert.match(claim.verdict, /a leak/);
});
