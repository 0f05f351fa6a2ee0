import assert from "node:assert/strict";
import { evaluateFits } from "../../evaluation/evaluate.ts";
import { experimentLine } from "../../reports/overview.ts";
import { DEFAULT_SETTINGS } from "../../evaluation/settings.ts";
import { buildFits } from "../evaluation/fixtures.ts";

const metrics = evaluateFits(buildFits({ years: [2019, 2020, 2021] }), DEFAULT_SETTINGS);

Deno.test("experiment line: rolling folds name their test years", () => {
  const line = experimentLine(metrics);
  assert.match(line, /^Weekly forecasts, horizon 1, 3 rolling folds \(test years 2019–2021; \d+ /);
});

Deno.test("experiment line: folds without a test year are walk-forward windows, not listed", () => {
  const walkForward = {
    ...metrics,
    folds: metrics.folds.map((fold) => ({ ...fold, testYear: null })),
  };
  const line = experimentLine(walkForward);
  assert.match(line, /3 walk-forward folds \(consecutive test windows; \d+ test weeks from /);
  assert.ok(!line.includes("rolling"));
  assert.ok(!metrics.folds.some((fold) => line.includes(fold.foldId)));
});
