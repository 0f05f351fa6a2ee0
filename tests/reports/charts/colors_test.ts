import assert from "node:assert/strict";
import {
  BENCHMARK_COLOR,
  BUY_AND_HOLD,
  BUY_AND_HOLD_COLOR,
  modelColors,
  PALETTE,
  preferredColor,
} from "../../../reports/charts/colors.ts";
import { interpretationCharts } from "../../../reports/charts/interpretation_charts.ts";
import { colorOf, modelColor } from "../../../reports/charts/labels.ts";
import { fixtureMetrics } from "../report_fixture.ts";

const SHIPPED = [
  "tft",
  "arimax",
  "lstm",
  "cls-transformer",
  "ridge",
  "random-forest",
  "gradient-boosting",
  "garch",
  "historical-mean",
  "momentum",
  "random-walk",
];

Deno.test("a model keeps its colour whatever else the report holds, and in any order", () => {
  const none = new Set<string>();
  const weeklyTft = modelColors(["always-long", "tft", "arimax", "lstm"], new Set(["always-long"]));
  const other = modelColors(["lstm", "ridge", "tft", "garch", "cls-transformer"], none);
  for (const label of ["tft", "lstm"]) {
    assert.equal(weeklyTft.get(label), other.get(label), label);
    assert.equal(weeklyTft.get(label), preferredColor(label));
  }
  const all = modelColors(SHIPPED, none);
  assert.equal(new Set(all.values()).size, SHIPPED.length, "the shipped labels never share one");
  for (const label of SHIPPED) assert.equal(all.get(label), preferredColor(label), label);
  assert.deepEqual(modelColors([...SHIPPED].reverse(), none), all);
});

Deno.test("the benchmark is grey, buy-and-hold black; a clash in one report is resolved", () => {
  const colors = modelColors(["ridge", "always-long", BUY_AND_HOLD], new Set(["ridge"]));
  assert.equal(colors.get("ridge"), BENCHMARK_COLOR);
  assert.equal(colors.get("always-long"), BENCHMARK_COLOR, "the always-long call rule");
  assert.equal(colors.get(BUY_AND_HOLD), BUY_AND_HOLD_COLOR);
  // Labels that hash to one colour: found by search, so the test holds the probing.
  const byColor = new Map<string, string[]>();
  for (let i = 0; i < 200; i++) {
    const label = `m${i}`;
    byColor.set(preferredColor(label), [...byColor.get(preferredColor(label)) ?? [], label]);
  }
  const [a, b] = [...byColor.values()].find((labels) => labels.length > 1)!;
  const clash = modelColors([b, a], new Set());
  assert.notEqual(clash.get(a), clash.get(b));
  assert.equal(clash.get(a), preferredColor(a), "the first in label order keeps its colour");
  assert.ok(PALETTE.includes(clash.get(b)!));
});

Deno.test("every chart of a report draws a model in the same colour", () => {
  const metrics = fixtureMetrics({ years: [2021, 2022] });
  const subsets = [["tft"], ["lstm", "tft"], metrics.models.map((m) => m.label)];
  for (const labels of subsets) {
    const scale = modelColor(metrics, { labels }).scale as { domain: string[]; range: string[] };
    scale.domain.forEach((label, i) => {
      const expected = label === "always-long" ? BENCHMARK_COLOR : preferredColor(label);
      assert.equal(scale.range[i], expected, `${label} in ${labels}`);
    });
  }
});

Deno.test("a model's own charts (attention, importance) are drawn in its colour", () => {
  const metrics = fixtureMetrics({
    years: [2021, 2022],
    models: ["always-long", "tft", "random-forest"],
  });
  for (const label of ["tft", "random-forest"]) {
    assert.equal(colorOf(metrics, label), preferredColor(label));
    const own = interpretationCharts(metrics).filter((c) => c.model === label);
    assert.ok(own.length > 0, `${label} has charts`);
    for (const chart of own) {
      const colours = JSON.stringify(chart.spec).match(/"color":"#[0-9a-f]{6}"/g) ?? [];
      const drawn = colours.filter((c) => !/#(888|222)/.test(c));
      assert.ok(drawn.length > 0, chart.id);
      for (const c of drawn) assert.equal(c, `"color":"${preferredColor(label)}"`, chart.id);
    }
  }
});
