import assert from "node:assert/strict";
import { calendarDays, type DailyScore } from "../../../models/macro_regime/daily_score.ts";
import { learnedWeight } from "../../../models/macro_regime/learned_weight.ts";
import {
  ensembleForecast,
  momentumForecast,
  reversionForecast,
} from "../../../models/macro_regime/forecasters.ts";
import { walkForward } from "../../../models/macro_regime/walk_forward.ts";

function series(score: (i: number) => number, days = 200): DailyScore {
  const all = calendarDays("2020-01-01", "2030-01-01").slice(0, days);
  const values = Float64Array.from(all, (_, i) => score(i));
  return {
    timing: "point-in-time",
    rulesVersion: "test/1",
    days: all,
    indicators: { realFfr: values, gdpSurprise: values, curve: values },
    score: values,
    fairValue: values.map((v) => v + 1),
    interpolated: 0,
  };
}

const OPTIONS = {
  start: "2020-01-01",
  end: "2020-07-18",
  horizon: 7,
  step: 7,
  minHistory: 40,
  ensembleWeight: 0.7,
};

Deno.test("origins every step days after the minimum history; targets within the end", () => {
  const rows = walkForward(series((i) => Math.sin(i / 9)), OPTIONS);
  assert.equal(rows[0].origin, "2020-02-09", "day 39: the 40th day of known score");
  rows.slice(1).forEach((r, i) => {
    assert.equal(Date.parse(r.origin) - Date.parse(rows[i].origin), 7 * 86_400_000);
  });
  rows.forEach((r) => assert.equal(Date.parse(r.target) - Date.parse(r.origin), 7 * 86_400_000));
  assert.ok(rows.at(-1)!.target <= "2020-07-18" && rows.at(-1)!.target > "2020-07-11");
  assert.throws(
    () => walkForward(series(() => 0, 45), OPTIONS),
    /walk-forward point-in-time h=7: no origin between 2020-01-01 and 2020-07-18/,
  );
});

Deno.test("every forecast at an origin reads the series up to the origin only", () => {
  const base = series((i) => Math.round(3 * Math.sin(i / 11)));
  const changed = series((i) => (i > 120 ? 5 : Math.round(3 * Math.sin(i / 11))));
  const a = walkForward(base, OPTIONS), b = walkForward(changed, OPTIONS);
  const cut = base.days[120];
  const early = a.filter((r) => r.origin <= cut);
  assert.ok(early.length > 5);
  early.forEach((r, i) => assert.deepEqual(r.forecasts, b[i].forecasts, r.origin));
  assert.notDeepEqual(a.at(-1)!.forecasts, b.at(-1)!.forecasts);
});

Deno.test("each model's point forecast by hand at one origin", () => {
  const s = series((i) => i / 10);
  const [row] = walkForward(s, OPTIONS);
  const o = s.days.indexOf(row.origin);
  const history = s.score.subarray(0, o + 1);
  const rev = reversionForecast(s.score[o], s.fairValue[o], 7);
  const mom = momentumForecast(history, 7);
  const ens = ensembleForecast([{ forecast: rev, weight: 0.7 }, { forecast: mom, weight: 0.3 }]);
  // 1 − 0.7 is 0.30000000000000004 in floating point: equal to 1e-12.
  assert.ok(Math.abs(row.forecasts.ensemble.mean - ens.mean[6]) < 1e-12);
  assert.ok(Math.abs(row.forecasts.ensemble.upper! - (ens.mean[6] + 1.96 * ens.std[6])) < 1e-12);
  assert.equal(row.forecasts.reversion.mean, rev.mean[6]);
  assert.equal(row.forecasts["no-change"].mean, 3.9);
  // A straight line of slope 0.1 a day: the last trend carries it 7 days, to 4.6.
  assert.ok(Math.abs(row.forecasts["last-trend"].mean - 4.6) < 1e-9);
  assert.equal(row.forecasts["no-change"].lower, null);
  assert.equal(row.actual, 4.6);
  assert.equal(row.learnedWeight, 0.7, "no resolved forecasts yet: the prior");
});

Deno.test("learned weight: the grid weight with the lowest MAE on resolved forecasts", () => {
  const pair = (actual: number, rev: number, mom: number) => ({
    actual,
    forecasts: { reversion: { mean: rev }, momentum: { mean: mom } },
  });
  const revRight = Array.from({ length: 20 }, (_, i) => pair(i, i, i + 2));
  assert.equal(learnedWeight(revRight, 0.7), 1);
  const momRight = Array.from({ length: 20 }, (_, i) => pair(i, i - 3, i));
  assert.equal(learnedWeight(momRight, 0.7), 0);
  // Halfway between: 0.5 exactly.
  assert.equal(learnedWeight(Array.from({ length: 20 }, () => pair(1, 0, 2)), 0.7), 0.5);
  assert.equal(learnedWeight(revRight.slice(0, 19), 0.7), 0.7, "too few: the prior");
});
