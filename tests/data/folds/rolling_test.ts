import assert from "node:assert/strict";
import { join } from "node:path";
import { buildFeatureFrame, type FeatureFrame } from "../../../data/frame.ts";
import { DEFAULT_TEST_YEARS, rollingFold } from "../../../data/folds/rolling.ts";
import { buildWindows } from "../../../models/windows.ts";
import type { Fold } from "../../../models/contract.ts";
import { FRAME_DEFAULTS, realInputs, ROLLING_DEFAULTS, sharedDataDir } from "../_helpers.ts";

const inputs = await realInputs();
const frames = {
  daily: buildFeatureFrame(inputs, { ...FRAME_DEFAULTS, frequency: "daily" }),
  weekly: buildFeatureFrame(inputs, { ...FRAME_DEFAULTS, frequency: "weekly" }),
};
const defaults = ROLLING_DEFAULTS;

/** Trading days and weeks per year counted straight from the raw CSV (independent code). */
function rawCalendar() {
  const dates = Deno.readTextFileSync(join(sharedDataDir(), "spx_daily.csv")).trim().split("\n")
    .slice(1).map((line) => line.slice(0, 10)).filter((d) => d <= "2024-12-31");
  const days = new Map<string, number>();
  const weekEnds = new Map<string, string>();
  for (const date of dates) {
    days.set(date.slice(0, 4), (days.get(date.slice(0, 4)) ?? 0) + 1);
    const d = new Date(`${date}T00:00:00Z`);
    const monday = new Date(d.getTime() - ((d.getUTCDay() + 6) % 7) * 86_400_000);
    weekEnds.set(monday.toISOString().slice(0, 10), date);
  }
  const weeks = new Map<string, number>();
  for (const end of weekEnds.values()) {
    if (end === "2024-12-31") continue; // that week ends in 2025, after the data
    weeks.set(end.slice(0, 4), (weeks.get(end.slice(0, 4)) ?? 0) + 1);
  }
  return { days, weeks };
}

const labelDates = (fold: Fold, origins: Int32Array) =>
  Array.from(origins, (o) => fold.dates[o + 1]);
const frameDatesIn = (frame: FeatureFrame, from: string, to: string) =>
  frame.dates.filter((d) => d >= from && d < to);

const raw = rawCalendar();

Deno.test("rolling folds: the default test years are 2016–2024, nine folds", () => {
  assert.deepEqual(DEFAULT_TEST_YEARS, [2016, 2017, 2018, 2019, 2020, 2021, 2022, 2023, 2024]);
});

for (const frequency of ["weekly", "daily"] as const) {
  Deno.test(`rolling folds (${frequency}): 2016–2024 boundaries, sizes, every test timestamp scored`, () => {
    const frame = frames[frequency];
    for (const testYear of DEFAULT_TEST_YEARS) {
      const { fold, plan } = rollingFold(frame, { ...defaults, testYear });
      const year = String(testYear);
      const tested = labelDates(fold, fold.splits.test);
      assert.deepEqual(tested, frameDatesIn(frame, `${year}-01-01`, `${testYear + 1}-01-01`));
      const expected = (frequency === "daily" ? raw.days : raw.weeks).get(year);
      assert.equal(tested.length, expected, `${frequency} ${testYear}: one origin per bar`);
      assert.deepEqual(plan.unscored, []);
      assert.deepEqual(
        labelDates(fold, fold.splits.validation),
        frameDatesIn(frame, `${testYear - 1}-01-01`, `${year}-01-01`),
      );
      assert.deepEqual(
        labelDates(fold, fold.splits.train),
        frameDatesIn(frame, `${testYear - 10}-01-01`, `${testYear - 1}-01-01`),
      );
      // The series holds exactly the encoder rows before the first origin and the labels.
      assert.equal(fold.splits.train[0], 11);
      const origins = fold.splits.train.length + fold.splits.validation.length + tested.length;
      assert.equal(fold.dates.length, 11 + origins + 1);
      assert.equal(fold.dates.at(-1), tested.at(-1));
      for (const split of ["train", "validation", "test"] as const) {
        const windows = buildWindows(fold, split);
        assert.equal(windows.n, fold.splits[split].length);
      }
      assert.equal(fold.id, `rolling-${testYear}-${frequency}`);
      assert.equal(fold.testYear, testYear);
    }
  });
}

Deno.test("rolling fold: contract shapes, raw targets, regime one-hot, train-only scaler", () => {
  const frame = frames.weekly;
  // Unclipped, so that the scaled training rows are exactly centred.
  const { fold } = rollingFold(frame, { ...defaults, testYear: 2022, clipStd: null });
  const n = fold.dates.length;
  const first = frame.dates.indexOf(fold.dates[0]);
  assert.equal(fold.past.rows, n);
  assert.equal(fold.past.values.length, n * fold.past.cols);
  assert.equal(fold.pastNames[0], "ret");
  assert.deepEqual(fold.pastNames, frame.past.names);
  assert.deepEqual(fold.knownNames, frame.known.names);
  assert.deepEqual(fold.staticNames, ["regime_bull", "regime_bear", "regime_stress"]);
  assert.deepEqual(fold.scaler.names, [...fold.pastNames, ...fold.knownNames]);
  for (let t = 0; t < n; t++) {
    assert.equal(fold.target[t], Math.fround(frame.target[first + t]));
    const oneHot = fold.static.values.slice(t * 3, t * 3 + 3);
    assert.equal(oneHot.reduce((a, b) => a + b), 1);
    assert.equal(fold.staticNames[oneHot.indexOf(1)], `regime_${fold.regime[t]}`);
  }
  // Scaler statistics come from rows 0..last training origin, nothing later.
  const lastTrain = fold.splits.train[fold.splits.train.length - 1];
  const ret = frame.target.slice(first, first + lastTrain + 1);
  const mean = ret.reduce((a, b) => a + b) / ret.length;
  const std = Math.sqrt(ret.reduce((s, v) => s + (v - mean) ** 2, 0) / ret.length);
  assert.ok(Math.abs(fold.scaler.mean[0] - mean) < 1e-15);
  assert.ok(Math.abs(fold.scaler.std[0] - std) < 1e-15);
  const scaledRet = (t: number) => fold.past.values[t * fold.past.cols];
  assert.ok(Math.abs(scaledRet(100) - (frame.target[first + 100] - mean) / std) < 1e-5);
  // Scaled training rows are centred; later rows are scaled with the same statistics.
  const trainMean = Array.from({ length: lastTrain + 1 }, (_, t) => scaledRet(t))
    .reduce((a, b) => a + b) / (lastTrain + 1);
  assert.ok(Math.abs(trainMean) < 1e-6);
});

Deno.test("rolling fold: scaled features are clipped at ±clipStd training std", () => {
  const clipped = rollingFold(frames.weekly, { ...defaults, testYear: 2020 }).fold;
  const raw = rollingFold(frames.weekly, { ...defaults, testYear: 2020, clipStd: null }).fold;
  const column = raw.pastNames.indexOf("unrate_change");
  const values = (fold: typeof raw) =>
    Array.from({ length: fold.past.rows }, (_, t) => fold.past.values[t * fold.past.cols + column]);
  // April 2020's jump in unemployment is tens of training standard deviations.
  assert.ok(Math.max(...values(raw)) > 20);
  assert.equal(Math.max(...values(clipped)), 5);
  const all = Array.from(clipped.past.values).concat(Array.from(clipped.known.values));
  assert.ok(all.every((v) => Math.abs(v) <= 5));
  assert.deepEqual(clipped.scaler, raw.scaler, "clipping leaves the fitted statistics alone");
});

Deno.test("rolling fold: multi-horizon labels with purge and embargo", () => {
  const { fold, plan } = rollingFold(frames.daily, {
    ...defaults,
    testYear: 2019,
    horizon: 5,
    embargo: 3,
  });
  const firstValidation = fold.splits.validation[0] + 1;
  const firstTest = fold.splits.test[0] + 1;
  for (const o of fold.splits.train) assert.ok(o + 5 + 3 < firstValidation);
  for (const o of fold.splits.validation) assert.ok(o + 5 + 3 < firstTest);
  assert.equal(plan.purged, 8);
  assert.equal(plan.embargoed, 6);
  assert.deepEqual(
    labelDates(fold, fold.splits.test),
    frameDatesIn(frames.daily, "2019-01-01", "2020-01-01"),
  );
  assert.equal(buildWindows(fold, "test").target.length, fold.splits.test.length * 5);
});

Deno.test("rolling fold: the last year at horizon > 1 reports the timestamps the data cannot score", () => {
  const result = rollingFold(frames.weekly, { ...defaults, testYear: 2024, horizon: 2 });
  assert.deepEqual(result.unscoredDates, ["2024-12-27"]);
});

Deno.test("rolling fold: feature selection, validation fraction, and clear errors", () => {
  const { fold } = rollingFold(frames.weekly, {
    ...defaults,
    testYear: 2018,
    features: ["vix", "cpi_yoy"],
    validationFraction: 0.2,
  });
  assert.deepEqual(fold.pastNames, ["ret", "vix", "cpi_yoy"]);
  const total = fold.splits.train.length + fold.splits.validation.length;
  assert.equal(fold.splits.validation.length, Math.round(0.2 * total));
  assert.throws(
    () => rollingFold(frames.weekly, { ...defaults, testYear: 2018, features: ["nope"] }),
    /unknown feature\(s\) nope; the feature frame has ret, log_ret/,
  );
  assert.throws(
    () => rollingFold(frames.weekly, { ...defaults, testYear: 2025 }),
    /rolling fold testYear=2025: no bars to test in 2025-01-01\.\.2026-01-01 \(the features cover 1990-10-19\.\.2024-12-27\)/,
  );
  assert.throws(
    () => rollingFold(frames.weekly, { ...defaults, testYear: 2016, trainYears: 27 }),
    /training starts 1989-01-01 .* shorten the train window or fetch an earlier start/,
  );
});
