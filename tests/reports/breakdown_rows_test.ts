import assert from "node:assert/strict";
import type { Gathered } from "../../engine/task.ts";
import type { TrainResult } from "../../models/contract.ts";
import { breakdownTable, byFold, byRegime, yearsAreFolds } from "../../reports/breakdown_rows.ts";
import { joinEstimate } from "../../reports/format.ts";
import { evaluateFits } from "../../evaluation/evaluate.ts";
import { DEFAULT_SETTINGS } from "../../evaluation/settings.ts";
import { buildFits } from "../evaluation/fixtures.ts";

const settings = { ...DEFAULT_SETTINGS, bootstrapReps: 300 };
const models: Array<"always-long" | "tft" | "arimax"> = ["always-long", "tft", "arimax"];

/** One two-year fold per model, made of the fixture's 2021 and 2022 folds. */
function twoYearFolds(): Gathered<TrainResult> {
  const fits = buildFits({ years: [2021, 2022], models });
  return models.map((label) => {
    const [a, b] = fits.filter((f) => f.value.label === label).map((f) => f.value);
    const join = (x: Float32Array, y: Float32Array) => Float32Array.from([...x, ...y]);
    const test = {
      ...a.test,
      origins: Int32Array.from([...a.test.origins, ...b.test.origins.map((o) => o + 60)]),
      point: join(a.test.point, b.test.point),
      actual: join(a.test.actual, b.test.actual),
      dates: [...a.test.dates, ...b.test.dates],
      regime: [...a.test.regime, ...b.test.regime],
      ...(a.test.quantiles
        ? {
          quantiles: {
            levels: a.test.quantiles.levels,
            values: join(a.test.quantiles.values, b.test.quantiles!.values),
          },
        }
        : {}),
    };
    return {
      id: `fit[model=${label}]`,
      coords: { model: label },
      value: { ...a, foldId: "fold-2021-2022", testYear: null, test },
    };
  });
}

Deno.test("breakdown rows: always-long and every forecaster's accuracy with intervals", () => {
  const metrics = evaluateFits(buildFits({ years: [2021, 2022], models }), settings);
  assert.equal(yearsAreFolds(metrics), true);
  const table = breakdownTable(metrics, byFold, "test year");
  assert.deepEqual(table.header, [
    "test year",
    "rows",
    "always-long [CI]",
    "tft DA [CI]",
    "tft excess [CI], pp",
    "arimax DA [CI]",
    "arimax excess [CI], pp",
  ]);
  assert.deepEqual(table.rows.map((r) => r.group), ["2021", "2022", "pooled"]);
  const tft = metrics.models[1];
  const [y2021] = table.rows;
  const pct = (x: number) => (x * 100).toFixed(1);
  const f = tft.folds[0];
  assert.equal(
    joinEstimate(y2021.cells[0]!.da),
    `${pct(f.da!)}% [${pct(f.daCi!.low)}, ${pct(f.daCi!.high)}]`,
  );
  const b = f.baseRateCi!;
  assert.deepEqual(y2021.alwaysLong, {
    value: `${pct(f.baseRate!)}%`,
    detail: `[${pct(b.low)}, ${pct(b.high)}]`,
  });
  assert.match(
    joinEstimate(y2021.cells[0]!.excess),
    /^[+−]?\d+\.\d \[[+−]?\d+\.\d, [+−]?\d+\.\d\]$/,
  );
  assert.equal(
    breakdownTable(metrics, byRegime, "regime").rows.map((r) => r.group).join(),
    "calm,stress,tightening",
  );
});

Deno.test("a fold spanning two calendar years gets its own by-year table", () => {
  const metrics = evaluateFits(twoYearFolds(), settings);
  assert.equal(metrics.models[1].folds.length, 1);
  assert.deepEqual(metrics.models[1].byYear.map((y) => y.group), ["2021", "2022"]);
  assert.equal(yearsAreFolds(metrics), false);
});

Deno.test("a model scored on fewer rows than always-long's column says how many", () => {
  const fits = buildFits({ years: [2021], models: ["tft", "arimax"] });
  const arimax = fits[1].value;
  const keep = 40;
  arimax.test = {
    ...arimax.test,
    origins: arimax.test.origins.slice(0, keep),
    point: arimax.test.point.slice(0, keep),
    actual: arimax.test.actual.slice(0, keep),
    dates: arimax.test.dates.slice(0, keep),
    regime: arimax.test.regime.slice(0, keep),
  };
  const row = breakdownTable(evaluateFits(fits, settings), byFold, "test year").rows[0];
  assert.equal(row.rows, "53"); // 2021 has 53 Fridays
  assert.match(row.cells[1]!.da.value, / \(40 rows\)$/);
  assert.doesNotMatch(row.cells[0]!.da.value, /rows/);
});
