import assert from "node:assert/strict";
import {
  collapseDiagnostics,
  collapsePattern,
  collapseReasons,
} from "../../evaluation/collapse.ts";
import type { ModelRun } from "../../evaluation/model_runs.ts";
import { runRows } from "../../evaluation/run_rows.ts";
import type { EpochRecord } from "../../models/contract.ts";
import { buildFits } from "./fixtures.ts";
import { assertClose, STATS_REFERENCE } from "./stats/reference.ts";

Deno.test("loss-vs-DA correlation pools epochs over folds, raw and within fold", () => {
  // 4 folds × 20 epochs whose (validation loss, validation DA) are the reference pairs.
  const { actual, forecast } = STATS_REFERENCE.inputs;
  const fits = buildFits({ years: [2019, 2020, 2021, 2022], models: ["tft"] });
  const run: ModelRun = {
    label: "tft",
    model: "tft",
    folds: fits.map(({ id, value }, k) => {
      const history: EpochRecord[] = Array.from({ length: 20 }, (_, e) => ({
        ...value.fit.history[0],
        epoch: e + 1,
        validationLoss: actual[k * 20 + e],
        validationDirectionalAccuracy: forecast[k * 20 + e],
      }));
      return { nodeId: id, fit: { ...value, fit: { ...value.fit, history, selectedEpoch: 3 } } };
    }),
  };
  const spread = { predictionStd: 0.01, actualStd: 0.02, stdRatio: 0.5, shareLong: 0.6 };
  const diagnostics = collapseDiagnostics(run, { rows: runRows(run, 1).pooled, spread });
  assertClose(diagnostics.lossVsDa!.r, STATS_REFERENCE.pearson.r, "pooled r", 1e-12);
  assertClose(
    diagnostics.lossVsDaWithinFold!.r,
    STATS_REFERENCE.partialCorrelation.r,
    "within r",
    1e-12,
  );
  assertClose(
    diagnostics.lossVsDaWithinFold!.pValue,
    STATS_REFERENCE.partialCorrelation.pValue,
    "within p",
    1e-9,
  );
  assert.equal(diagnostics.epochs.length, 80);
  assert.equal(diagnostics.epochs.filter((e) => e.selected).length, 4);
  assert.equal(diagnostics.collapsed, false);
  assert.deepEqual(diagnostics.reasons, []);
});

Deno.test("collapse is flagged by one-sided calls or vanishing prediction spread", () => {
  assert.deepEqual(
    collapseReasons({ predictionStd: 0.0001, actualStd: 0.02, stdRatio: 0.005, shareLong: 0.97 }),
    ['calls "up" on 97.0% of test rows', "prediction std is 0.5% of the realised std"],
  );
  assert.deepEqual(
    collapseReasons({ predictionStd: 0.01, actualStd: 0.02, stdRatio: 0.5, shareLong: 0.02 }),
    ['calls "down" on 98.0% of test rows'],
  );
  assert.deepEqual(
    collapseReasons({ predictionStd: 0, actualStd: 0.02, stdRatio: 0, shareLong: 1 }).length,
    2,
  );
  assert.deepEqual(
    collapseReasons({ predictionStd: 0.012, actualStd: 0.02, stdRatio: 0.6, shareLong: 0.9 }),
    [],
  );
});

Deno.test("short of collapse, one direction on ≥ 80% of rows is near always-long (or short)", () => {
  const spread = (shareLong: number) => ({
    predictionStd: 0.006,
    actualStd: 0.024,
    stdRatio: 0.25,
    shareLong,
  });
  // The full weekly run's TFT: std ratio 0.25, 83% up calls.
  assert.equal(collapsePattern(spread(0.829), false), "near always-long");
  assert.equal(collapsePattern(spread(0.79), false), "varied");
  assert.equal(collapsePattern(spread(0.15), false), "near always-short");
  assert.equal(collapsePattern(spread(0.99), true), "collapsed");
});

Deno.test("training drift: validation share up and spread at epoch 1 and at the kept epoch", () => {
  const fits = buildFits({ years: [2019, 2020], models: ["tft"] });
  const run: ModelRun = {
    label: "tft",
    model: "tft",
    folds: fits.map(({ id, value }) => ({ nodeId: id, fit: value })),
  };
  const rows = runRows(run, 1).pooled;
  const diagnostics = collapseDiagnostics(run, {
    rows,
    spread: { predictionStd: 0.01, actualStd: 0.02, stdRatio: 0.5, shareLong: 0.6 },
  });
  const histories = fits.map((f) => f.value.fit.history);
  const at = (epoch: number, pick: (r: EpochRecord) => number | null) =>
    histories.reduce((sum, h) => sum + pick(h.find((r) => r.epoch === epoch)!)!, 0) / 2;
  const drift = diagnostics.training!;
  assert.equal(drift.folds, 2);
  assertClose(drift.firstShareLong!, at(1, (r) => r.shareLong), "first share", 1e-12);
  assertClose(drift.keptShareLong!, at(6, (r) => r.shareLong), "kept share", 1e-12);
  assertClose(drift.firstStdRatio!, at(1, (r) => r.predictionStdRatio), "first std", 1e-12);
  assertClose(drift.keptStdRatio!, at(6, (r) => r.predictionStdRatio), "kept std", 1e-12);
  assert.equal(diagnostics.departures.rows, rows.point.filter((p) => p <= 0).length);
  assert.equal(diagnostics.pattern, "varied");
});
