import assert from "node:assert/strict";
import {
  formatNumber,
  formatP,
  formatPercent,
  formatPercentWithInterval,
  formatPoints,
  formatPointsInterval,
} from "../../reports/format.ts";
import { csvNumber, toCsv } from "../../reports/csv.ts";

Deno.test("report number formats are fixed and sign-aware", () => {
  assert.equal(formatNumber(-0.0001, 2), "0.00");
  assert.equal(formatNumber(-1.256, 2), "−1.26");
  assert.equal(formatNumber(null, 2), "–");
  assert.equal(formatNumber(NaN, 2), "–");
  assert.equal(formatPercent(0.59123), "59.1%");
  assert.equal(formatPoints(0.0123), "+1.2 pp");
  assert.equal(formatPoints(-0.0123), "−1.2 pp");
  assert.equal(formatPoints(0.00001), "0.0 pp");
  assert.equal(formatPointsInterval({ low: -0.031, high: 0.024 }), "[−3.1, +2.4] pp");
  assert.equal(formatP(0.0004), "< 0.001");
  assert.equal(formatP(0.0345), "= 0.035");
  assert.equal(formatP(null), "–");
  assert.equal(formatPercentWithInterval(0.567, { low: 0.5249, high: 0.61 }), "56.7% [52.5, 61.0]");
  assert.equal(formatPercentWithInterval(0.567, null), "56.7%");
  assert.equal(formatPercentWithInterval(null, { low: 0.5, high: 0.6 }), "–");
});

Deno.test("CSV quotes what needs quoting and writes plain numbers", () => {
  assert.equal(
    toCsv(["a", "b", "c"], [["x,y", 'say "hi"', null], [1, true, csvNumber(-0.0000001, 4)]]),
    'a,b,c\n"x,y","say ""hi""",\n1,true,0.0000\n',
  );
  assert.equal(csvNumber(-1.5, 2), "-1.50");
  assert.equal(csvNumber(Infinity, 2), "");
  assert.throws(() => toCsv(["a", "b"], [["only one"]]), /row 0 has 1 cells but the header has 2/);
});
