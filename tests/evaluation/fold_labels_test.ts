import assert from "node:assert/strict";
import { foldColumnTitle, foldLabels, foldsAreYears } from "../../evaluation/fold_labels.ts";

const window = (foldId: string, firstDate: string, lastDate: string) => ({
  foldId,
  testYear: null,
  firstDate,
  lastDate,
});

Deno.test("fold labels: the test year, else the test window in months", () => {
  const years = [2016, 2017].map((y) => ({
    ...window(`rolling-${y}`, `${y}-01-08`, ""),
    testYear: y,
  }));
  assert.deepEqual([...foldLabels(years).values()], ["2016", "2017"]);
  const halves = [
    window("walk-forward-0-2010-01-01-weekly", "2010-01-08", "2010-06-25"),
    window("walk-forward-1-2010-07-01-weekly", "2010-07-02", "2010-12-31"),
    window("walk-forward-2-2011-01-01-weekly", "2011-01-07", "2011-01-28"),
  ];
  assert.deepEqual([...foldLabels(halves).entries()], [
    ["walk-forward-0-2010-01-01-weekly", "2010-01 → 2010-06"],
    ["walk-forward-1-2010-07-01-weekly", "2010-07 → 2010-12"],
    ["walk-forward-2-2011-01-01-weekly", "2011-01"],
  ]);
  assert.equal(foldColumnTitle(halves), "test window");
  assert.equal(foldColumnTitle(years), "test year");
  assert.equal(foldsAreYears([]), false);
});

Deno.test("fold labels stay unique: full dates when months collide, else the fold ids", () => {
  const monthly = [
    window("a", "2010-01-04", "2010-01-15"),
    window("b", "2010-01-18", "2010-01-29"),
  ];
  assert.deepEqual([...foldLabels(monthly).values()], [
    "2010-01-04 → 2010-01-15",
    "2010-01-18 → 2010-01-29",
  ]);
  const twins = [window("a", "2010-01-04", "2010-01-15"), window("b", "2010-01-04", "2010-01-15")];
  assert.deepEqual([...foldLabels(twins).values()], ["a", "b"]);
  const empty = [window("no-rows", "", "")];
  assert.deepEqual([...foldLabels(empty).values()], ["no-rows"]);
});
