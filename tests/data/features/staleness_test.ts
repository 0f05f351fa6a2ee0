/**
 * Staleness features: days since the latest CPI / unemployment release and the is-fresh
 * flag, by hand and on the real data under the publication rules (a release is never seen
 * before its day), and the feature presets for ablations.
 */
import assert from "node:assert/strict";
import { isoDay } from "../../../data/dates.ts";
import { buildFeatureFrame } from "../../../data/frame.ts";
import { FEATURE_PRESETS } from "../../../data/features/presets.ts";
import { STALENESS_FEATURES, stalenessOf } from "../../../data/features/staleness.ts";
import { featureParams } from "../../../tasks/feature.ts";
import { FRAME_DEFAULTS, realInputs } from "../_helpers.ts";

Deno.test("stalenessOf: days since the latest known release, fresh when it arrived in the bar", () => {
  const bars = ["2020-02-14", "2020-02-21", "2020-02-28", "2020-03-06"];
  const releases = [isoDay("2020-02-01"), isoDay("2020-02-20"), isoDay("2020-03-06")];
  const { daysSince, fresh } = stalenessOf(bars, releases);
  assert.deepEqual(Array.from(daysSince), [13, 1, 8, 0]);
  // the first bar sees a release from before the data (previous bar unknown): fresh
  assert.deepEqual(Array.from(fresh), [1, 1, 0, 1]);
  const early = stalenessOf(["2020-01-03", "2020-02-21"], [isoDay("2020-02-20")]);
  assert.ok(Number.isNaN(early.daysSince[0]) && Number.isNaN(early.fresh[0]), "before any release");
  assert.deepEqual([early.daysSince[1], early.fresh[1]], [1, 1]);
});

const inputs = await realInputs();

Deno.test("staleness on the real data: CPI known from the 20th, jobs from the first Friday", () => {
  const frame = buildFeatureFrame(inputs, {
    ...FRAME_DEFAULTS,
    frequency: "weekly",
    features: ["ret", ...STALENESS_FEATURES],
  });
  const column = (name: string, date: string) => {
    const row = frame.dates.indexOf(date);
    assert.ok(row >= 0, `no bar ${date}`);
    return frame.past.columns[frame.past.names.indexOf(name)][row];
  };
  // January 2020 CPI: assumed known 2020-02-20 (a Thursday), so the week ending Friday
  // 2020-02-21 sees it one day old and fresh, the next week 8 days old and not fresh.
  assert.equal(column("days_since_cpi", "2020-02-21"), 1);
  assert.equal(column("cpi_is_fresh", "2020-02-21"), 1);
  assert.equal(column("days_since_cpi", "2020-02-28"), 8);
  assert.equal(column("cpi_is_fresh", "2020-02-28"), 0);
  // February 2020 jobs report: Friday 2020-03-06, known at that day's close.
  assert.equal(column("days_since_unrate", "2020-03-06"), 0);
  assert.equal(column("unrate_is_fresh", "2020-03-06"), 1);
  assert.equal(column("days_since_unrate", "2020-02-28"), 21); // from Friday 2020-02-07
  for (const name of ["days_since_cpi", "days_since_unrate"]) {
    const values = frame.past.columns[frame.past.names.indexOf(name)];
    for (let t = 0; t < frame.dates.length; t++) {
      const v = values[t];
      assert.ok(v >= 0 && v <= 45, `${name} ${frame.dates[t]}: ${v}`);
    }
  }
});

Deno.test("staleness features are opt-in: the default feature set is unchanged", () => {
  const defaults = featureParams.parse({}).features;
  for (const name of STALENESS_FEATURES) assert.ok(!defaults.includes(name));
  assert.deepEqual(featureParams.parse({ features: ["days_since_cpi"] }).features, [
    "days_since_cpi",
  ]);
});

Deno.test("presets: valid feature names, each with ret; market-only reads no macro series", () => {
  for (const [name, features] of Object.entries(FEATURE_PRESETS)) {
    assert.ok(featureParams.safeParse({ features }).success, name);
    assert.ok((features as readonly string[]).includes("ret"), name);
  }
  const macro = ["dgs10", "dgs10_change", "spread_2s10s", "cpi_yoy", "unrate_change", "fedfunds"];
  assert.ok(!FEATURE_PRESETS["market-only"].some((f) => macro.includes(f)));
  assert.ok(
    STALENESS_FEATURES.every((f) =>
      (FEATURE_PRESETS["macro-heavy"] as readonly string[]).includes(f)
    ),
  );
});
