import assert from "node:assert/strict";
import { type DailyBars, PRICE_COLUMNS, sliceByDate } from "../../data/snapshot.ts";

const bars: DailyBars = {
  dates: ["2020-01-02", "2020-01-03", "2020-01-06", "2020-01-07"],
  open: Float64Array.from([1, 2, 3, 4]),
  high: Float64Array.from([2, 3, 4, 5]),
  low: Float64Array.from([0, 1, 2, 3]),
  close: Float64Array.from([1.5, 2.5, 3.5, 4.5]),
  volume: Float64Array.from([10, NaN, 30, 40]),
};

Deno.test("sliceByDate keeps the rows in [start, end] of every price column", () => {
  const sliced = sliceByDate(bars, [...PRICE_COLUMNS], { start: "2020-01-03", end: "2020-01-06" });
  assert.deepEqual(sliced.dates, ["2020-01-03", "2020-01-06"]);
  assert.deepEqual([...sliced.open], [2, 3]);
  assert.deepEqual([...sliced.close], [2.5, 3.5]);
  assert.deepEqual([...sliced.volume], [NaN, 30]);
  assert.deepEqual(Object.keys(sliced).sort(), ["dates", ...PRICE_COLUMNS].sort());
  assert.equal(sliceByDate(bars, [...PRICE_COLUMNS], { start: null, end: null }), bars);
  assert.deepEqual(
    sliceByDate(bars, [...PRICE_COLUMNS], { end: "2020-01-01" }).dates,
    [],
    "a range before the first bar keeps nothing",
  );
});
