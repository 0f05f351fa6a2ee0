import assert from "node:assert/strict";
import { buildPanelFrame } from "../../../data/panel/frame.ts";
import { panelFold } from "../../../data/panel/fold.ts";
import { PANEL_DEFAULT_FEATURES } from "../../../tasks/feature.ts";
import { panelView, viewCell } from "../../../models/fusion/panel_view.ts";
import { fuseFold, memberForecasts } from "../../../tasks/fusion.ts";
import { estimateWeights } from "../../../tasks/fusion_weights.ts";
import { mergeFits } from "../../../tasks/fusion_merge.ts";
import type { Forecast, TrainResult } from "../../../models/contract.ts";
import { smallPanel } from "../../data/panel/_panel.ts";

const prices = await smallPanel();
const frame = buildPanelFrame(prices, {
  frequency: "weekly",
  features: [...PANEL_DEFAULT_FEATURES],
});
const fold = panelFold(frame, {
  testYear: 2019,
  trainYears: 6,
  validationYears: 1,
  encoderLength: 12,
  horizon: 1,
  embargo: 0,
  clipStd: 5,
  minTrainRows: 60,
}).fold;
const N = fold.members.length;
const T = fold.dates.length;

Deno.test("panel view: the index view is column 0 with the panel fold's origins", () => {
  const view = panelView(fold, { series: "index", trainStride: 1 });
  assert.deepEqual(view.splits, fold.splits);
  assert.deepEqual(view.target, Float32Array.from(fold.dates, (_, t) => fold.target[t * N]));
  assert.equal(view.past.rows, T);
});

Deno.test("panel view: each constituent block carries its member position as static series id", () => {
  const view = panelView(fold, { series: "constituents", trainStride: 1 });
  assert.deepEqual(view.staticNames, ["series"]);
  assert.equal(view.static.cols, 1);
  assert.equal(view.static.rows, view.past.rows);
  for (let r = 0; r < view.static.rows; r += 7) {
    assert.equal(view.static.values[r], viewCell(fold, "constituents", r).member - 1, `row ${r}`);
  }
  // One member's view keeps the same ids (its rows map back through the same layout).
  const aapl = panelView(fold, { series: "constituents", trainStride: 1, member: "AAPL" });
  assert.deepEqual(aapl.static.values, view.static.values);
  // The index view is one series: no static features.
  const index = panelView(fold, { series: "index", trainStride: 1 });
  assert.deepEqual([index.staticNames, index.static.cols], [[], 0]);
});

Deno.test("panel view: constituent origins read only present windows and labels", () => {
  const view = panelView(fold, { series: "constituents", trainStride: 1 });
  const L = fold.encoderLength;
  let seen = 0;
  for (const split of ["train", "validation", "test"] as const) {
    for (const row of view.splits[split]) {
      const { member, row: o } = viewCell(fold, "constituents", row);
      assert.ok(member >= 1 && member < N);
      for (let t = o - L + 1; t <= o; t++) assert.equal(fold.present[t * N + member], 1);
      if (split !== "test") assert.equal(fold.present[(o + 1) * N + member], 1);
      assert.ok(fold.splits[split].includes(o));
      seen++;
    }
  }
  assert.ok(seen > 0);
  // UBER (listed 2019) has no training row and so no origin; XLK has every one.
  const uber = fold.members.findIndex((m) => m.symbol === "UBER");
  assert.ok(
    Array.from(view.splits.train).every((r) => viewCell(fold, "constituents", r).member !== uber),
  );
  const strided = panelView(fold, { series: "constituents", trainStride: 3 });
  assert.ok(Math.abs(strided.splits.train.length - view.splits.train.length / 3) < N);
});

Deno.test("fusion node: fused index forecasts follow the constituents' forecasts", () => {
  const view = panelView(fold, { series: "constituents", trainStride: 1 });
  // A fake "model": member n forecasts n − 2 everywhere (sign depends on the member).
  const forecast = (
    split: "test" | "validation",
  ): Forecast & { dates: string[]; actual: Float32Array; regime: string[] } => {
    const origins = view.splits[split];
    return {
      split,
      origins,
      horizon: 1,
      point: Float32Array.from(origins, (r) => viewCell(fold, "constituents", r).member - 2),
      dates: [],
      actual: new Float32Array(origins.length),
      regime: [],
    };
  };
  const constituents = {
    horizon: 1,
    test: forecast("test"),
    validation: forecast("validation"),
  } as unknown as TrainResult;
  const members = memberForecasts(fold, constituents.test, "test");
  assert.equal(members.origins, fold.splits.test.length);
  const weights = estimateWeights(fold, prices, { lookbackBars: 13, regressionBars: null });
  const average = fuseFold(fold, constituents, weights, {
    fusion: { method: "average", weights: "dollar-volume" },
    decayGrid: [0],
    notes: [],
  });
  const weighted = fuseFold(fold, constituents, weights, {
    fusion: { method: "weighted", weights: "dollar-volume" },
    decayGrid: [0],
    notes: [],
  });
  const decay0 = fuseFold(fold, constituents, weights, {
    fusion: { method: "weighted-decay", weights: "dollar-volume" },
    decayGrid: [0],
    notes: [],
  });
  assert.deepEqual(decay0.test, weighted.test, "decay 0 reduces to weighted");
  assert.equal(decay0.decay, 0);
  // The weighted forecast is the dollar-volume mean of (n − 2) over members with weight.
  const w = weights.dollarVolume;
  const expected = w.reduce((s, v, k) => s + v * (k + 1 - 2), 0) / w.reduce((s, v) => s + v, 0);
  assert.ok(Math.abs(weighted.test[0] - expected) < 1e-6, `${weighted.test[0]} vs ${expected}`);
  assert.notDeepEqual(average.test, weighted.test);
});

Deno.test("per-series views partition the constituents view; merged fits fuse like a global one", () => {
  const global = panelView(fold, { series: "constituents", trainStride: 1 });
  const symbols = fold.members.slice(1).map((m) => m.symbol);
  const views = symbols.map((member) =>
    panelView(fold, { series: "constituents", trainStride: 1, member })
  );
  for (const split of ["train", "validation", "test"] as const) {
    const union = views.flatMap((v) => Array.from(v.splits[split])).sort((a, b) => a - b);
    assert.deepEqual(union, Array.from(global.splits[split]), split);
  }
  assert.equal(views[0].id, `${fold.id}-constituents-${symbols[0]}`);
  assert.throws(
    () => panelView(fold, { series: "index", trainStride: 1, member: "XLK" }),
    /member/,
  );
  assert.throws(
    () => panelView(fold, { series: "constituents", trainStride: 1, member: "ZZZ" }),
    /ZZZ/,
  );
  // Each per-series "model" forecasts its row number; merged, they equal the global layout.
  const scored = (origins: Int32Array, split: "test" | "validation") => ({
    split,
    origins,
    horizon: 1,
    point: Float32Array.from(origins),
    dates: Array.from(origins, String),
    actual: new Float32Array(origins.length),
    regime: Array.from(origins, () => "all"),
  });
  const fits = views.map((v) =>
    ({
      label: "ridge",
      foldId: v.id,
      horizon: 1,
      test: scored(v.splits.test, "test"),
      validation: scored(v.splits.validation, "validation"),
    }) as unknown as TrainResult
  );
  const merged = mergeFits(fits, "test");
  assert.equal(merged.foldId, `${fold.id}-constituents`);
  assert.equal(merged.label, "ridge-per-series");
  assert.deepEqual(merged.test.origins, global.splits.test);
  assert.deepEqual(merged.test.point, Float32Array.from(global.splits.test));
  const other = { ...fits[1], foldId: "panel-2000-weekly-constituents-XLK" } as TrainResult;
  assert.throws(() => mergeFits([fits[0], other], "test"), /not a per-series fit/);
});
