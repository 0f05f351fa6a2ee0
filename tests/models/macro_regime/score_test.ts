import assert from "node:assert/strict";
import { indicatorAnchors } from "../../../models/macro_regime/indicators.ts";
import { dailyScore, type Timing } from "../../../models/macro_regime/daily_score.ts";
import {
  parseScoringRules,
  pointsFor,
  RULES_V1,
  scoreOf,
} from "../../../models/macro_regime/rules.ts";
import { syntheticSeries } from "./_synthetic.ts";

Deno.test("points by band (inclusive upper bounds), summed and clipped to ±5", () => {
  assert.equal(pointsFor(RULES_V1.realFfr, -1), 3);
  assert.equal(pointsFor(RULES_V1.realFfr, -0.99), 2);
  assert.equal(pointsFor(RULES_V1.realFfr, 9), -3);
  assert.ok(Number.isNaN(pointsFor(RULES_V1.curve, NaN)));
  // 3 + 2 + 2 = 7 → 5; −3 − 2 − 2 → −5; 1 + 0 − 1 = 0.
  assert.equal(scoreOf({ realFfr: -2, gdpSurprise: 3, curve: 3 }, RULES_V1), 5);
  assert.equal(scoreOf({ realFfr: 5, gdpSurprise: -3, curve: -1 }, RULES_V1), -5);
  assert.equal(scoreOf({ realFfr: 0.5, gdpSurprise: 0, curve: 0 }, RULES_V1), 0);
  assert.ok(Number.isNaN(scoreOf({ realFfr: 0.5, gdpSurprise: NaN, curve: 0 }, RULES_V1)));
});

Deno.test("scoring rules are validated, with the node and field named", () => {
  assert.equal(parseScoringRules(RULES_V1, "x").version, "finfusion-macro-regime/1");
  assert.throws(
    () => parseScoringRules({ ...RULES_V1, version: "v1" }, "pipelines/macro-regime/ensemble.ts"),
    /ensemble\.ts: invalid macro-regime scoring rules — version/,
  );
  const unordered = [{ upTo: 1, points: 0 }, { upTo: 0, points: 1 }, { upTo: null, points: 2 }];
  assert.throws(
    () => parseScoringRules({ ...RULES_V1, curve: unordered }, "node score"),
    /curve\.1\.upTo: bands must be in increasing order/,
  );
  assert.throws(
    () => parseScoringRules({ ...RULES_V1, gdpSurprise: [{ upTo: 1, points: 0 }] }, "n"),
    /gdpSurprise/,
  );
});

function scores(timing: Timing, series = syntheticSeries()) {
  return dailyScore(indicatorAnchors(series, RULES_V1.gdpTrendQuarters), {
    start: "2014-01-01",
    end: "2021-06-30",
    timing,
    rules: RULES_V1,
  });
}

Deno.test("hand-computed score: real rate −0.43% (+2), no GDP surprise (0), 2s10s 1% (0)", () => {
  for (const timing of ["as-published", "point-in-time"] as const) {
    const s = scores(timing);
    const i = s.days.indexOf("2016-06-15");
    // CPI grows 0.2% a month: YoY 100·(1.002¹² − 1) = 2.4266%; 2 − 2.4266 = −0.4266.
    assert.ok(Math.abs(s.indicators.realFfr[i] - (2 - 100 * (1.002 ** 12 - 1))) < 1e-9);
    assert.ok(Math.abs(s.indicators.gdpSurprise[i]) < 1e-9);
    assert.equal(s.score[i], 2);
    assert.equal(s.fairValue[i], 2);
  }
});

Deno.test("the point-in-time score at t ignores data published after t; as published does not", () => {
  const t = "2020-12-15";
  const revised = syntheticSeries();
  // Q4 2020 GDP (observed 2020-10-01, released 2021-02-01) jumps 5%: published after t.
  const gdp = Float64Array.from(revised.GDPC1.values);
  gdp[revised.GDPC1.dates.indexOf("2020-10-01")] *= 1.05;
  revised.GDPC1 = { ...revised.GDPC1, values: gdp };
  const upTo = (s: ReturnType<typeof scores>) => s.days.indexOf(t) + 1;

  const before = scores("point-in-time"), after = scores("point-in-time", revised);
  assert.deepEqual(before.score.slice(0, upTo(before)), after.score.slice(0, upTo(after)));
  assert.deepEqual(before.fairValue.slice(0, upTo(before)), after.fairValue.slice(0, upTo(after)));
  assert.notDeepEqual(before.score, after.score, "the revision shows once it is released");

  const leakBefore = scores("as-published"), leakAfter = scores("as-published", revised);
  const changed = leakBefore.days.findIndex((_, i) => leakBefore.score[i] !== leakAfter.score[i]);
  assert.ok(changed >= 0 && changed < upTo(leakBefore), "as published, t already sees it");
  // It leaks through the interpolation toward 2020-10-01 even before that quarter begins.
  assert.ok(leakBefore.days[changed] < "2020-10-01", leakBefore.days[changed]);
  assert.ok(leakBefore.interpolated > 0.95);
  assert.equal(before.interpolated, 0, "point in time interpolates nothing");
});
