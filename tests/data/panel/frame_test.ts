import assert from "node:assert/strict";
import { buildPanelFrame, type PanelFrame } from "../../../data/panel/frame.ts";
import { panelMembers } from "../../../data/panel/load.ts";
import { PANEL_DEFAULT_FEATURES } from "../../../tasks/feature.ts";
import { firstDate, smallPanel } from "./_panel.ts";

const panel = await smallPanel();
const options = { features: [...PANEL_DEFAULT_FEATURES] };
const daily = buildPanelFrame(panel, { ...options, frequency: "daily" });
const weekly = buildPanelFrame(panel, { ...options, frequency: "weekly" });

function column(frame: PanelFrame, symbol: string) {
  const n = frame.members.findIndex((m) => m.symbol === symbol);
  const N = frame.members.length;
  return {
    n,
    present: (t: number) => frame.present[t * N + n] === 1,
    target: (t: number) => frame.target[t * N + n],
  };
}

Deno.test("panel frame: the index's calendar, index first, members in declared order", () => {
  assert.deepEqual(daily.members.map((m) => m.symbol), [
    "^GSPC",
    "XLK",
    "XLC",
    "XLRE",
    "AAPL",
    "UBER",
  ]);
  assert.deepEqual(daily.members.map((m) => m.group), [
    "index",
    "etf",
    "etf",
    "etf",
    "stocks",
    "stocks",
  ]);
  const index = panel.series[0];
  assert.equal(daily.dates.at(-1), "2024-12-31");
  assert.ok(daily.dates.every((d) => index.dates.includes(d)));
  assert.equal(weekly.dates.at(-1), "2024-12-27");
  // The index is present on every row (its warm-up rows were dropped).
  const gspc = column(daily, "^GSPC");
  assert.ok(daily.dates.every((_, t) => gspc.present(t)));
  assert.throws(
    () => panelMembers({ index: "^GSPC", groups: { a: ["XLK"], b: ["XLK"] } }),
    /XLK twice/,
  );
});

Deno.test("panel frame: a member's rows are its own returns on the same calendar dates", () => {
  const aapl = panel.series[panel.members.findIndex((m) => m.symbol === "AAPL")];
  const col = column(daily, "AAPL");
  for (const date of ["2015-06-01", "2020-03-16", "2024-12-31"]) {
    const t = daily.dates.indexOf(date);
    const i = aapl.dates.indexOf(date);
    assert.ok(col.present(t));
    assert.equal(col.target(t), aapl.close[i] / aapl.close[i - 1] - 1);
  }
});

Deno.test("panel frame: a series is absent before its first trading day and its warm-up", () => {
  for (const frame of [daily, weekly]) {
    for (const symbol of ["XLC", "XLRE", "UBER"]) {
      const col = column(frame, symbol);
      const listed = firstDate(panel, symbol);
      const first = frame.firstRow[col.n];
      assert.ok(first > 0 && frame.dates[first] > listed, `${symbol} enters after ${listed}`);
      for (let t = 0; t < first; t++) {
        assert.ok(!col.present(t) && Number.isNaN(col.target(t)), `${symbol} row ${t}`);
        const F = frame.features.length;
        const at = (t * frame.members.length + col.n) * F;
        assert.ok(frame.values.subarray(at, at + F).every(Number.isNaN), "never back-filled");
      }
      // Once listed and warmed up, present on every row (these files have no gaps).
      for (let t = first; t < frame.dates.length; t++) assert.ok(col.present(t));
    }
  }
});

Deno.test("panel frame: no look-ahead; data cut at a date gives the same rows up to it", async () => {
  const cut = await smallPanel("2019-06-28");
  for (const frequency of ["daily", "weekly"] as const) {
    const full = frequency === "daily" ? daily : weekly;
    const part = buildPanelFrame(cut, { ...options, frequency });
    const T = part.dates.length;
    const cells = T * full.members.length;
    assert.deepEqual(part.dates, full.dates.slice(0, T));
    assert.deepEqual(part.present, full.present.slice(0, cells));
    assert.deepEqual(part.target, full.target.slice(0, cells));
    assert.deepEqual(part.values, full.values.slice(0, cells * full.features.length));
  }
});
