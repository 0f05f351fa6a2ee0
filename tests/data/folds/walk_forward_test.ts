import assert from "node:assert/strict";
import { buildFeatureFrame } from "../../../data/frame.ts";
import {
  walkForwardFold,
  type WalkForwardOptions,
  walkForwardStepCount,
} from "../../../data/folds/walk_forward.ts";
import { buildWindows } from "../../../models/windows.ts";
import { FOLD_DEFAULTS, FRAME_DEFAULTS, realInputs } from "../_helpers.ts";

const frame = buildFeatureFrame(await realInputs(), { ...FRAME_DEFAULTS, frequency: "weekly" });

const defaults: Omit<WalkForwardOptions, "step"> = {
  ...FOLD_DEFAULTS,
  start: "2006-01-01",
  initialYears: 4,
  stepMonths: 6,
  testMonths: null,
  validationMonths: 12,
};

Deno.test("walk-forward: expanding train window, 6-month test steps, every test week scored", () => {
  // The data ends 2024-12-31: test windows 2010H1 .. 2024H2.
  const steps = walkForwardStepCount("2024-12-31", defaults);
  assert.equal(steps, 30);
  assert.equal(walkForwardStepCount("2024-12-30", defaults), 29);
  let previousTrain = 0;
  for (let step = 0; step < steps; step++) {
    const { fold } = walkForwardFold(frame, { ...defaults, step });
    const firstTrain = fold.dates[fold.splits.train[0] + 1];
    assert.ok(firstTrain >= "2006-01-01" && firstTrain <= "2006-01-07", firstTrain);
    assert.ok(fold.splits.train.length > previousTrain, "the window expands");
    previousTrain = fold.splits.train.length;
    const year = 2010 + Math.floor(step / 2);
    const [from, to] = step % 2 === 0
      ? [`${year}-01-01`, `${year}-07-01`]
      : [`${year}-07-01`, `${year + 1}-01-01`];
    const tested = Array.from(fold.splits.test, (o) => fold.dates[o + 1]);
    assert.deepEqual(tested, frame.dates.filter((d) => d >= from && d < to), `step ${step}`);
    const validation = Array.from(fold.splits.validation, (o) => fold.dates[o + 1]);
    assert.ok(validation[0] >= String(Number(from.slice(0, 4)) - 1) + from.slice(4));
    assert.equal(fold.testYear, null);
    buildWindows(fold, "test");
  }
});

Deno.test("walk-forward: a step past the data is a clear error", () => {
  assert.throws(
    () => walkForwardFold(frame, { ...defaults, step: 30 }),
    /walk-forward fold step=30: no bars to test in 2025-01-01\.\.2025-07-01/,
  );
  assert.throws(
    () => walkForwardFold(frame, { ...defaults, step: 40 }),
    /walk-forward fold step=40: no bars to test/,
  );
});
