/**
 * No look-ahead anywhere: change every price and macro value after a date t and nothing
 * known at or before t may move — features, targets of samples whose label ends ≤ t,
 * whole folds that end ≤ t, and the scalers of folds whose training ends ≤ t.
 */
import assert from "node:assert/strict";
import { buildFeatureFrame, type FeatureFrame } from "../../data/frame.ts";
import { rollingFold } from "../../data/folds/rolling.ts";
import { isoDay } from "../../data/dates.ts";
import { availableFrom, publicationFor, type PublicationRule } from "../../data/publication.ts";
import type { MacroSeries, PriceSeries } from "../../data/snapshot.ts";
import { FRAME_DEFAULTS, type RealInputs, realInputs, ROLLING_DEFAULTS } from "./_helpers.ts";

const T = "2018-03-01";
const real = await realInputs();

function perturbPrices(series: PriceSeries, after: string): PriceSeries {
  const scale = (column: Float64Array, amount: number) =>
    column.map((v, i) => series.dates[i] > after ? v * (1 + amount * Math.sin(i)) : v);
  return {
    ...series,
    open: scale(series.open, 0.05),
    high: scale(series.high, 0.06),
    low: scale(series.low, 0.04),
    close: scale(series.close, 0.05),
    volume: scale(series.volume, 0.5),
  };
}

/** Changes macro observations dated after t, or (by availability) released after t. */
function perturbMacro(macro: MacroSeries, changed: (id: string, date: string) => boolean) {
  return {
    ...macro,
    series: macro.series.map((s) => ({
      ...s,
      values: s.values.map((v, i) => changed(s.id, s.dates[i]) ? v * 1.3 + 0.5 : v),
    })),
  };
}

function frames(inputs: RealInputs, publication: Record<string, PublicationRule> = {}) {
  const options = { ...FRAME_DEFAULTS, publication };
  return {
    daily: buildFeatureFrame(inputs, { ...options, frequency: "daily" }),
    weekly: buildFeatureFrame(inputs, { ...options, frequency: "weekly" }),
  };
}

/** Rows dated ≤ t are identical; returns how many later values differ. */
function compareUpTo(a: FeatureFrame, b: FeatureFrame, t: string): number {
  assert.deepEqual(a.dates, b.dates);
  let differences = 0;
  const columns = (f: FeatureFrame) => [f.target, ...f.past.columns, ...f.known.columns];
  const [left, right] = [columns(a), columns(b)];
  const names = ["target", ...a.past.names, ...a.known.names];
  a.dates.forEach((date, row) => {
    for (let j = 0; j < left.length; j++) {
      if (Object.is(left[j][row], right[j][row])) continue;
      assert.ok(date > t, `${names[j]} changed on ${date}, on or before ${t}`);
      differences++;
    }
    if (date <= t) assert.equal(a.regime[row], b.regime[row], `regime on ${date}`);
  });
  return differences;
}

const base = frames(real);

Deno.test("leakage: changing every price and macro value after t leaves all rows ≤ t unchanged", () => {
  const perturbed = frames({
    spx: perturbPrices(real.spx, T),
    vix: perturbPrices(real.vix, T),
    macro: perturbMacro(real.macro, (_, date) => date > T),
  });
  for (const frequency of ["daily", "weekly"] as const) {
    const changed = compareUpTo(base[frequency], perturbed[frequency], T);
    assert.ok(changed > 1000, `${frequency}: the perturbation must reach the later rows`);
  }
});

Deno.test("leakage: values released after t (though observed before) do not reach rows ≤ t", () => {
  const releasedAfter = (id: string, date: string) =>
    availableFrom(date, publicationFor(id)) > isoDay(T);
  const perturbed = frames({ ...real, macro: perturbMacro(real.macro, releasedAfter) });
  compareUpTo(base.daily, perturbed.daily, T);
  compareUpTo(base.weekly, perturbed.weekly, T);
  // The same check catches a leak: with CPI "known" at the end of its month, February
  // 2018's CPI (released March 2018) would reach February's rows.
  const leaky = { CPIAUCSL: { rule: "business-days-after", days: 0 } } as const;
  const leakyBase = frames(real, leaky).daily;
  const leakyPerturbed = frames({ ...real, macro: perturbMacro(real.macro, releasedAfter) }, leaky)
    .daily;
  assert.throws(() => compareUpTo(leakyBase, leakyPerturbed, T), /cpi_yoy changed on 2018-02-28/);
});

Deno.test("leakage: folds ending ≤ t are identical; scalers of folds trained ≤ t too", () => {
  const perturbed = frames({
    spx: perturbPrices(real.spx, T),
    vix: perturbPrices(real.vix, T),
    macro: perturbMacro(real.macro, (_, date) => date > T),
  });
  for (const frequency of ["daily", "weekly"] as const) {
    const options = ROLLING_DEFAULTS;
    for (const testYear of [2016, 2017]) {
      const a = rollingFold(base[frequency], { ...options, testYear }).fold;
      const b = rollingFold(perturbed[frequency], { ...options, testYear }).fold;
      assert.ok(a.dates[a.dates.length - 1] <= T);
      assert.deepEqual(b, a, `${frequency} fold ${testYear}`);
    }
    const a = rollingFold(base[frequency], { ...options, testYear: 2018 }).fold;
    const b = rollingFold(perturbed[frequency], { ...options, testYear: 2018 }).fold;
    assert.deepEqual(b.scaler, a.scaler, `${frequency} fold 2018 scaler`);
    assert.notDeepEqual(b.past.values, a.past.values);
  }
});

/** First date on which cpi_yoy differs between two frames. */
function firstDifference(a: FeatureFrame, b: FeatureFrame): string | undefined {
  const column = (f: FeatureFrame) => f.past.columns[f.past.names.indexOf("cpi_yoy")];
  const [left, right] = [column(a), column(b)];
  return a.dates.find((_, t) => left[t] !== right[t]);
}

Deno.test("publication lag: April 2020 CPI is absent from features before its release", () => {
  // Mark April 2020's CPI; released by BLS on 2020-05-12, used from 2020-05-20 by default.
  const marked = perturbMacro(real.macro, (id, date) => id === "CPIAUCSL" && date === "2020-04-01");
  const withMark = frames({ ...real, macro: marked });
  assert.equal(firstDifference(base.daily, withMark.daily), "2020-05-20");
  assert.equal(firstDifference(base.weekly, withMark.weekly), "2020-05-22");
  // Overridable from the DAG: with the actual release day the value enters on 2020-05-12.
  const releaseDay = { CPIAUCSL: { rule: "day-of-month-after", months: 1, day: 12 } } as const;
  const released = frames({ ...real, macro: marked }, releaseDay).daily;
  assert.equal(firstDifference(frames(real, releaseDay).daily, released), "2020-05-12");
});
