import assert from "node:assert/strict";
import type { ExplanationSummary, ImportanceRow } from "../../evaluation/explanation_summary.ts";
import {
  coefficientTable,
  importanceTable,
  importanceWords,
  stepName,
  TOP_OVERALL,
  TOP_PER_GROUP,
} from "../../reports/interpretation_tables.ts";

function summary(fields: Partial<ExplanationSummary>): ExplanationSummary {
  return {
    folds: 4,
    attention: null,
    variableImportance: [],
    importanceScale: null,
    attentionByHead: null,
    coefficients: [],
    ...fields,
  };
}

const row = (group: ImportanceRow["group"], name: string, mean: number): ImportanceRow => ({
  group,
  name,
  mean,
  min: mean / 2,
  max: mean * 1.5,
});

Deno.test("selection weights: the largest per group, the rest of each group summed", () => {
  const past = [0.3, 0.2, 0.15, 0.1, 0.1, 0.08, 0.07].map((m, k) => row("past", `p${k}`, m));
  const table = importanceTable(summary({
    importanceScale: "within-group",
    variableImportance: [row("future", "f0", 0.7), row("future", "f1", 0.3), ...past],
  }))!;
  assert.deepEqual(table.header, ["group", "input", "mean weight", "range over folds"]);
  assert.equal(table.rows.length, TOP_PER_GROUP + 2);
  assert.deepEqual(table.rows[0], ["past", "p0", "30.0%", "15.0% – 45.0%"]);
  assert.deepEqual(table.rows.at(-1), ["future", "f1", "30.0%", "15.0% – 45.0%"]);
  assert.deepEqual(table.omitted, [
    "5 of 7 past inputs shown; the other 2 hold 15.0% of the group",
  ]);
  assert.match(table.description, /sum to 1 within each input group/);
});

Deno.test("importance shares: the largest overall, percent with two decimals when small", () => {
  const rows = Array.from({ length: 14 }, (_, k) => row(k < 12 ? "past" : "static", `x${k}`, 0));
  rows.forEach((r, k) => Object.assign(r, row(r.group, r.name, (k + 1) / 1050)));
  const table = importanceTable(
    summary({ importanceScale: "all-inputs", variableImportance: rows }),
  )!;
  assert.equal(table.rows.length, TOP_OVERALL);
  assert.deepEqual(table.rows[0], ["static", "x13", "1.33%", "0.67% – 2.00%"]);
  assert.equal(table.header[2], "mean share");
  const rest = (1 + 2 + 3 + 4) / 1050;
  assert.deepEqual(table.omitted, [
    `10 of 14 inputs shown; the other 4 hold ${(rest * 100).toFixed(1)}% of the total`,
  ]);
  assert.match(importanceWords("all-inputs", 14).description, /all 14 inputs .*7\.14% each/);
  assert.equal(importanceTable(summary({ variableImportance: rows })), null, "no scale, no table");
});

Deno.test("coefficients: largest absolute mean first, with how often the sign held", () => {
  const coefficient = (name: string, mean: number, positive: number) => ({
    name,
    mean,
    std: 0.1,
    folds: 4,
    positive,
  });
  const table = coefficientTable(summary({
    coefficients: [
      coefficient("a", 0.1, 3),
      coefficient("b", -0.5, 1),
      coefficient("c", 0.2, 4),
      ...Array.from({ length: 10 }, (_, k) => coefficient(`z${k}`, 0.001, 2)),
    ],
  }))!;
  assert.deepEqual(table.rows.slice(0, 3), [
    ["b", "−0.50000", "0.10000", "3 of 4"],
    ["c", "0.20000", "0.10000", "4 of 4"],
    ["a", "0.10000", "0.10000", "3 of 4"],
  ]);
  assert.equal(table.rows.length, TOP_OVERALL);
  assert.equal(table.omitted, "10 of 13 shown (largest absolute mean)");
  assert.equal(coefficientTable(summary({})), null);
  assert.equal(stepName(-3), "step −3");
  assert.equal(stepName(0), "step 0");
});
