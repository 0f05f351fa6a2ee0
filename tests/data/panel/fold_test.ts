import assert from "node:assert/strict";
import { buildPanelFrame, type PanelFrame } from "../../../data/panel/frame.ts";
import { panelFold, type PanelFoldOptions } from "../../../data/panel/fold.ts";
import { rollingFold } from "../../../data/folds/rolling.ts";
import { buildFeatureFrame } from "../../../data/frame.ts";
import { PANEL_DEFAULT_FEATURES } from "../../../tasks/feature.ts";
import { FRAME_DEFAULTS, realInputs, ROLLING_DEFAULTS } from "../_helpers.ts";
import { smallPanel } from "./_panel.ts";

const panel = await smallPanel();
const frame = buildPanelFrame(panel, {
  frequency: "weekly",
  features: [...PANEL_DEFAULT_FEATURES],
});
const OPTIONS: Omit<PanelFoldOptions, "testYear"> = {
  trainYears: 10,
  validationYears: 1,
  encoderLength: 12,
  horizon: 1,
  embargo: 0,
  clipStd: null,
  minTrainRows: 60,
};
const member = (symbol: string) => frame.members.findIndex((m) => m.symbol === symbol);

Deno.test("panel fold: the index's rows and splits match the single-series rolling fold", async () => {
  const inputs = await realInputs();
  const features = buildFeatureFrame(inputs, { ...FRAME_DEFAULTS, frequency: "weekly" });
  for (const testYear of [2016, 2024]) {
    const { fold } = panelFold(frame, { ...OPTIONS, testYear });
    const single = rollingFold(features, { ...ROLLING_DEFAULTS, testYear }).fold;
    assert.deepEqual(fold.dates, single.dates);
    assert.deepEqual(fold.splits, single.splits);
    const N = fold.members.length;
    const index = Float32Array.from(fold.dates, (_, t) => fold.target[t * N]);
    assert.deepEqual(index, single.target, "column 0 holds the index's labels");
  }
});

Deno.test("panel fold: each series is scaled on its own present training rows only", () => {
  const { fold } = panelFold(frame, { ...OPTIONS, testYear: 2020 });
  const N = fold.members.length;
  const F = fold.features.length;
  const trainTo = fold.splits.train.at(-1)! + 1;
  const { fold: wide } = panelFold(frame, { ...OPTIONS, testYear: 2020, minTrainRows: 2 });
  for (let n = 0; n < N; n++) {
    const rows: number[] = [];
    for (let t = 0; t < trainTo; t++) if (wide.present[t * N + n]) rows.push(t);
    assert.equal(fold.scaler.trainRows[n], rows.length);
    if (rows.length < 60) {
      assert.ok(fold.dates.every((_, t) => fold.present[t * N + n] === 0));
      continue;
    }
    for (let f = 0; f < F; f++) {
      const z = rows.map((t) => fold.past[(t * N + n) * F + f]);
      const mean = z.reduce((a, b) => a + b, 0) / z.length;
      const sd = Math.sqrt(z.reduce((a, b) => a + (b - mean) ** 2, 0) / z.length);
      assert.ok(Math.abs(mean) < 1e-4 && Math.abs(sd - 1) < 1e-3, `${fold.members[n].symbol} ${f}`);
    }
  }
  // Training rows end with 2018 (2019 validates): XLC (listed 2018-06-19) has a few, too few
  // to be scaled; UBER (listed 2019-05-10) none; XLK all of them.
  const rows = (symbol: string) => fold.scaler.trainRows[member(symbol)];
  assert.ok(rows("XLC") > 0 && rows("XLC") < 60 && rows("UBER") === 0);
  assert.equal(rows("XLK"), rows("^GSPC"));
});

Deno.test("panel fold: a series without enough training rows is absent from the whole fold", () => {
  const { fold, excluded } = panelFold(frame, { ...OPTIONS, testYear: 2019 });
  const n = member("UBER");
  // XLC (listed 2018-06-19) has about 25 complete weekly rows before 2019: too few as well.
  assert.deepEqual(excluded, ["XLC", "UBER"]);
  assert.ok(Number.isNaN(fold.scaler.mean[n * fold.features.length]));
  const N = fold.members.length;
  assert.ok(fold.dates.every((_, t) => fold.present[t * N + n] === 0));
  assert.ok(fold.dates.every((_, t) => Number.isNaN(fold.target[t * N + n])));
});

Deno.test("panel fold: changing test-period data never reaches the scalers or training rows", () => {
  const testYear = 2021;
  const before = panelFold(frame, { ...OPTIONS, testYear }).fold;
  const testStart = frame.dates.findIndex((d) => d >= `${testYear}-01-01`);
  const shocked: PanelFrame = { ...frame, values: frame.values.slice() };
  const cell = frame.members.length * frame.features.length;
  for (let i = testStart * cell; i < shocked.values.length; i++) shocked.values[i] *= 3;
  const after = panelFold(shocked, { ...OPTIONS, testYear }).fold;
  assert.deepEqual(after.scaler, before.scaler);
  const trainCells = (before.splits.train.at(-1)! + 1) * cell;
  assert.deepEqual(after.past.subarray(0, trainCells), before.past.subarray(0, trainCells));
  assert.notDeepEqual(after.past, before.past);
});
