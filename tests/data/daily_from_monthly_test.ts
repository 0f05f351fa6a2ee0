import assert from "node:assert/strict";
import {
  dailyAsPublished,
  dailyPointInTime,
  interpolatedShare,
  type MacroAnchor,
} from "../../data/daily_from_monthly.ts";

// January's value (observed 01-01) is released 02-14; February's (02-01) on 03-14.
const ANCHORS: MacroAnchor[] = [
  { observed: "2024-01-01", released: "2024-02-14", value: 10 },
  { observed: "2024-02-01", released: "2024-03-14", value: 40 },
  { observed: "2024-03-01", released: "2024-04-12", value: 20 },
];
const DAYS = ["2024-01-01", "2024-01-11", "2024-02-01", "2024-02-15", "2024-03-15", "2024-04-20"];

Deno.test("as published: stock forward-filled from observation dates, flow interpolated", () => {
  assert.deepEqual(Array.from(dailyAsPublished(ANCHORS, DAYS, "stock")), [10, 10, 40, 40, 20, 20]);
  // 01-11 is 10 of January's 31 days toward February's 40: 10 + 30·10/31.
  const flow = dailyAsPublished(ANCHORS, DAYS, "flow");
  assert.ok(Math.abs(flow[1] - (10 + (30 * 10) / 31)) < 1e-12);
  assert.equal(flow[2], 40);
  assert.equal(flow[5], 20);
  assert.ok(interpolatedShare(ANCHORS, DAYS) > 0.4);
});

Deno.test("point in time: each day carries the latest value released by then", () => {
  const values = dailyPointInTime(ANCHORS, DAYS);
  assert.ok(Number.isNaN(values[0]) && Number.isNaN(values[2]), "nothing released before 02-14");
  assert.deepEqual(Array.from(values.slice(3)), [10, 40, 20]);
});

Deno.test("the interpolation leak is detected: a value at t must not depend on data published after t", () => {
  // Change February's value (released 03-14) and look at 2024-01-11.
  const revised = ANCHORS.map((a) => (a.observed === "2024-02-01" ? { ...a, value: -100 } : a));
  const day = ["2024-01-11"];
  const flowBefore = dailyAsPublished(ANCHORS, day, "flow")[0];
  const flowAfter = dailyAsPublished(revised, day, "flow")[0];
  assert.notEqual(flowAfter, flowBefore, "as published, 01-11 moves with a March release");
  // As published, a stock value is used from its observation date, six weeks before release.
  assert.equal(dailyAsPublished(ANCHORS, ["2024-01-11"], "stock")[0], 10);
  // Point in time, nothing on any day moves when a later release changes.
  const later = (d: string) => ANCHORS.filter((a) => a.released > d).map((a) => a.observed);
  for (const d of DAYS) {
    const changed = ANCHORS.map((a) => (later(d).includes(a.observed) ? { ...a, value: 999 } : a));
    const [x, y] = [dailyPointInTime(ANCHORS, [d])[0], dailyPointInTime(changed, [d])[0]];
    assert.ok(Object.is(x, y), `${d}: ${x} vs ${y}`);
  }
});
