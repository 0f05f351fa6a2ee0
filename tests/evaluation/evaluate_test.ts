import assert from "node:assert/strict";
import { evaluateFits } from "../../evaluation/evaluate.ts";
import { DEFAULT_SETTINGS } from "../../evaluation/settings.ts";
import { buildFits } from "./fixtures.ts";

const fits = buildFits({ years: [2019, 2020, 2021, 2022], horizon: 2 });
const metrics = evaluateFits(fits, DEFAULT_SETTINGS);
const model = (label: string) => metrics.models.find((m) => m.label === label)!;

/** Step-1 rows of one label, counted independently of the library. */
function count(label: string, year?: number) {
  let n = 0, hits = 0, up = 0;
  for (const { value } of fits) {
    if (value.label !== label || (year !== undefined && value.testYear !== year)) continue;
    const H = value.horizon;
    for (let i = 0; i < value.test.dates.length; i++) {
      const a = value.test.actual[i * H];
      const p = value.test.point[i * H];
      n++;
      if ((p > 0) === (a > 0)) hits++;
      if (a > 0) up++;
    }
  }
  return { n, da: hits / n, baseRate: up / n };
}

Deno.test("pooled DA and the always-long base rate are counted on the same rows", () => {
  for (const label of ["tft", "arimax", "lstm", "always-long"]) {
    const expected = count(label);
    const pooled = model(label).pooled;
    assert.equal(pooled.n, expected.n);
    assert.equal(pooled.da, expected.da);
    assert.equal(pooled.baseRate, expected.baseRate);
    assert.equal(pooled.excess, expected.da - expected.baseRate);
    assert.ok(pooled.excessCi!.low <= pooled.excess! && pooled.excess! <= pooled.excessCi!.high);
  }
  const alwaysLong = model("always-long").pooled;
  assert.equal(alwaysLong.excess, 0);
  assert.deepEqual(alwaysLong.excessCi, { low: 0, high: 0 });
});

Deno.test("per-fold rows and the mean ± std across folds", () => {
  const tft = model("tft");
  assert.deepEqual(tft.folds.map((f) => f.testYear), [2019, 2020, 2021, 2022]);
  const das = [2019, 2020, 2021, 2022].map((year) => count("tft", year).da);
  tft.folds.forEach((fold, k) => assert.equal(fold.da, das[k]));
  const mean = das.reduce((a, b) => a + b) / 4;
  const std = Math.sqrt(das.reduce((a, d) => a + (d - mean) ** 2, 0) / 3);
  assert.ok(Math.abs(tft.acrossFolds.daMean! - mean) < 1e-15);
  assert.ok(Math.abs(tft.acrossFolds.daStd! - std) < 1e-15);
  assert.deepEqual(metrics.folds.map((f) => f.testYear), [2019, 2020, 2021, 2022]);
});

Deno.test("the failing 2022 fold stands out in the year breakdown", () => {
  const tft = model("tft");
  const y2022 = tft.byYear.find((y) => y.group === "2022")!;
  assert.ok(y2022.da! < 0.5);
  assert.equal(y2022.standsOut, true);
  assert.equal(tft.byYear.filter((y) => y.standsOut).length, 1, "only 2022 stands out for tft");
  assert.deepEqual(tft.byRegime.map((r) => r.group), ["calm", "stress", "tightening"]);
  assert.equal(tft.byRegime.reduce((a, r) => a + r.n, 0), tft.pooled.n);
});

Deno.test("significance, backtests, collapse and explanations are filled in", () => {
  const tft = model("tft");
  const against = tft.dieboldMariano.map((d) => `${d.against}/${d.loss}/${d.step}`);
  assert.deepEqual(against, [
    "always-long/directional/1",
    "always-long/squared/1",
    "arimax/directional/1",
    "arimax/squared/1",
    "always-long/directional/2",
    "always-long/squared/2",
    "arimax/directional/2",
    "arimax/squared/2",
  ]);
  assert.ok(tft.pooled.pesaranTimmermann.pValue! < 0.05, "the skilful fixture model passes PT");
  assert.equal(model("always-long").pooled.pesaranTimmermann.stat, null);
  assert.ok(model("arimax").dieboldMariano.every((d) => d.against === "always-long"));
  assert.deepEqual(tft.byStep.map((s) => s.group), ["step 1", "step 2"]);
  assert.equal(tft.backtest.buyAndHold.periods, tft.pooled.n);
  assert.equal(tft.backtest.buyAndHold.trades, 1);
  assert.equal(model("lstm").collapse.collapsed, true);
  assert.equal(tft.collapse.collapsed, false);
  assert.ok(tft.collapse.lossVsDa!.r < -0.5, "fixture DA falls as validation loss rises");
  assert.ok(metrics.warnings.some((w) => w.startsWith("lstm looks collapsed")));
  assert.equal(tft.explanation!.attention!.steps.length, 8);
  assert.equal(tft.explanation!.variableImportance[0].group, "future");
  assert.equal(model("arimax").explanation!.coefficients.length, 3);
  assert.equal(tft.pooled.intervals[0].nominal.toFixed(2), "0.80");
  const series = metrics.series.find((s) => s.label === "tft")!;
  assert.equal(series.dates.length, tft.pooled.n);
  assert.equal(series.quantiles.length, 3);
  assert.equal(series.equity.longFlat.at(-1)! - 1, tft.backtest.longFlat.totalReturn);
});

Deno.test("evaluation is deterministic for a seed", () => {
  const again = evaluateFits(
    buildFits({ years: [2019, 2020, 2021, 2022], horizon: 2 }),
    DEFAULT_SETTINGS,
  );
  assert.deepEqual(again, metrics);
  const reseeded = evaluateFits(fits, { ...DEFAULT_SETTINGS, seed: 8 });
  assert.notDeepEqual(reseeded.models[1].pooled.excessCi, metrics.models[1].pooled.excessCi);
  assert.equal(reseeded.models[1].pooled.da, metrics.models[1].pooled.da);
});

Deno.test("bad inputs fail with the node, fold and row named", () => {
  const small = buildFits({ years: [2021], models: ["tft"] });
  assert.throws(() => evaluateFits([], DEFAULT_SETTINGS), /no train results/);
  assert.throws(
    () => evaluateFits([...small, { ...small[0], id: "fit[copy]" }], DEFAULT_SETTINGS),
    /nodes fit\[testYear=2021,model=tft\] and fit\[copy\] both forecast fold fold-2021/,
  );
  const broken = structuredClone(small);
  broken[0].value.test.point[3] = NaN;
  assert.throws(
    () => evaluateFits(broken, DEFAULT_SETTINGS),
    /fit\[testYear=2021,model=tft\].*point forecast is NaN on row 3 \(2021-01-22\)/,
  );
  const short = structuredClone(small);
  short[0].value.test.regime.pop();
  assert.throws(() => evaluateFits(short, DEFAULT_SETTINGS), /regime has 52 values/);
  const daily = buildFits({ years: [2022], models: ["tft"], frequency: "daily" });
  assert.throws(
    () => evaluateFits([...small, ...daily], DEFAULT_SETTINGS),
    /evaluate one experiment/,
  );
  const overlapping = structuredClone(small);
  overlapping[0].value.foldId = "other";
  assert.throws(
    () => evaluateFits([...small, ...overlapping], DEFAULT_SETTINGS),
    /folds fold-2021 and other overlap/,
  );
});

Deno.test("a model missing a fold is evaluated on what it has, with a warning", () => {
  const partial = buildFits({ years: [2020, 2021, 2022], models: ["tft", "arimax"] })
    .filter(({ value }) => !(value.label === "arimax" && value.testYear === 2022));
  const result = evaluateFits(partial, DEFAULT_SETTINGS);
  assert.deepEqual(result.warnings, ["arimax forecast 2 of 3 folds"]);
  const tft = result.models.find((m) => m.label === "tft")!;
  const vsArimax = tft.dieboldMariano.find((d) => d.against === "arimax" && d.loss === "squared")!;
  assert.equal(vsArimax.n, result.models[1].pooled.n, "compared on the rows both forecast");
  assert.ok(vsArimax.n < tft.pooled.n);
});

Deno.test("every model draws the same resamples: always-long's interval is one number", () => {
  const base = model("tft").pooled.baseRateCi;
  assert.ok(base && base.low < model("tft").pooled.baseRate! && base.high > base.low);
  for (const label of ["arimax", "lstm"]) {
    assert.deepEqual(model(label).pooled.baseRateCi, base);
    model(label).folds.forEach((fold, k) =>
      assert.deepEqual(fold.baseRateCi, model("tft").folds[k].baseRateCi)
    );
  }
  // Always-long's own accuracy is the base rate, drawn on the same resamples.
  assert.deepEqual(model("always-long").pooled.daCi, base);
});

Deno.test("a calendar year that is exactly one fold shows that fold's score", () => {
  for (const m of metrics.models) {
    m.byYear.forEach((year, k) => {
      const { foldId: _f, testYear: _t, firstDate: _a, lastDate: _b, ...fold } = m.folds[k];
      assert.deepEqual(year, { ...fold, group: String(m.folds[k].testYear) });
    });
  }
});

Deno.test("provenance: configuration, nodes, seeds, backends, validation spans", () => {
  const withValidation = structuredClone(buildFits({ years: [2020, 2021], models: ["tft"] }));
  withValidation[0].value.validation = {
    ...withValidation[0].value.test,
    split: "validation",
    dates: ["2019-01-04", "2019-06-28", "2019-12-27"],
  };
  withValidation[0].value.validation.origins = new Int32Array(3);
  withValidation[0].value.validation.point = new Float32Array(3);
  withValidation[0].value.validation.actual = new Float32Array(3);
  withValidation[0].value.validation.regime = ["calm", "calm", "calm"];
  delete withValidation[0].value.validation.quantiles;
  withValidation.forEach(({ value }) => (value.config = { hiddenSize: 16, dropout: 0.1 }));
  withValidation[1].value.config = { dropout: 0.1, hiddenSize: 16 }; // same, other key order
  const same = evaluateFits(withValidation, DEFAULT_SETTINGS);
  assert.deepEqual(same.folds[0].validation, {
    firstDate: "2019-01-04",
    lastDate: "2019-12-27",
    rows: 3,
  });
  assert.equal(same.folds[1].validation, null);
  const tft = same.models[0].provenance;
  assert.deepEqual(tft.config, { hiddenSize: 16, dropout: 0.1 });
  assert.deepEqual(tft.nodes, withValidation.map((f) => f.id));
  assert.deepEqual(tft.seeds, [11]);
  assert.deepEqual(tft.backends, ["wasm"]);
  assert.deepEqual(Object.keys(tft).sort(), ["backends", "config", "nodes", "seeds"]);
  assert.deepEqual(same.warnings, []);
  withValidation[1].value.config = { dropout: 0.2, hiddenSize: 16 };
  assert.deepEqual(evaluateFits(withValidation, DEFAULT_SETTINGS).warnings, [
    "tft: folds fold-2021 ran a different configuration from fold fold-2020; the run " +
    "section shows fold-2020's",
  ]);
});

Deno.test("folds carry their label and the training span the train nodes recorded", () => {
  assert.deepEqual(metrics.folds.map((f) => f.label), ["2019", "2020", "2021", "2022"]);
  assert.deepEqual(metrics.folds[0].train, {
    firstDate: "2017-01-06",
    lastDate: "2018-12-28",
    rows: 104,
  });
  assert.deepEqual(model("tft").folds.map((f) => f.group), ["2019", "2020", "2021", "2022"]);
  const halves = evaluateFits(
    buildFits({ years: [2021], walkForward: true, models: ["always-long", "tft"] }),
    DEFAULT_SETTINGS,
  );
  const labels = ["2021-01 → 2021-06", "2021-07 → 2021-12"];
  assert.deepEqual(halves.folds.map((f) => [f.testYear, f.label]), labels.map((l) => [null, l]));
  assert.deepEqual(halves.models[1].folds.map((f) => f.group), labels);
  assert.deepEqual([...new Set(halves.series[1].fold)], labels, "rows are labelled alike");
  // Results stored before train spans existed still evaluate, without one.
  const old = buildFits({ years: [2021], models: ["tft"] });
  delete old[0].value.trainSpan;
  assert.equal(evaluateFits(old, DEFAULT_SETTINGS).folds[0].train, null);
});
