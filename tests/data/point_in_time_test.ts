import assert from "node:assert/strict";
import { alignPointInTime, staleStretches } from "../../data/point_in_time.ts";
import { publicationFor } from "../../data/publication.ts";
import { addWeekdays, isoDate, isoDay } from "../../data/dates.ts";

function tradingDays(from: string, to: string): string[] {
  const out: string[] = [];
  for (let d = addWeekdays(isoDay(from), 0); d <= isoDay(to); d = addWeekdays(d + 1, 0)) {
    out.push(isoDate(d));
  }
  return out;
}

const bars = tradingDays("2020-03-02", "2020-07-31");
const cpi = {
  dates: ["2020-02-01", "2020-03-01", "2020-04-01", "2020-05-01", "2020-06-01"],
  values: new Float64Array([258.7, 258.1, 256.4, 256.1, 257.8]),
};

Deno.test("point in time: a monthly value reaches bars only from its availability date", () => {
  const aligned = alignPointInTime(bars, cpi, publicationFor("CPIAUCSL"));
  const at = (date: string) => aligned.values[bars.indexOf(date)];
  assert.ok(Number.isNaN(at("2020-03-19")), "February's CPI is unknown before 2020-03-20");
  assert.equal(at("2020-03-20"), 258.7);
  assert.equal(at("2020-04-17"), 258.7);
  assert.equal(at("2020-04-20"), 258.1);
  // 2020-06-20 is a Saturday: June's first bar to see May's CPI is Monday 2020-06-22.
  assert.equal(at("2020-06-19"), 256.4);
  assert.equal(at("2020-06-22"), 256.1);
  assert.equal(aligned.observed[bars.indexOf("2020-06-22")], "2020-05-01");
  assert.equal(at("2020-07-31"), 257.8);
});

Deno.test("point in time: daily yields arrive the next business day", () => {
  const dgs10 = {
    dates: ["2020-03-05", "2020-03-06", "2020-03-09"],
    values: new Float64Array([0.92, 0.74, 0.54]),
  };
  const aligned = alignPointInTime(bars.slice(0, 8), dgs10, publicationFor("DGS10"));
  assert.deepEqual(bars.slice(3, 8), [
    "2020-03-05",
    "2020-03-06",
    "2020-03-09",
    "2020-03-10",
    "2020-03-11",
  ]);
  assert.deepEqual(Array.from(aligned.values.slice(3, 8)), [NaN, 0.92, 0.74, 0.54, 0.54]);
});

Deno.test("point in time: a stale series (missing releases) is reported once per stretch", () => {
  const holey = {
    dates: ["2020-03-02", "2020-03-03", "2020-03-24", "2020-03-25"],
    values: new Float64Array([1, 2, 3, 4]),
  };
  const spec = publicationFor("DGS10");
  const march = bars.filter((d) => d < "2020-04-01");
  const aligned = alignPointInTime(march, holey, spec);
  const warnings = staleStretches("DGS10", march, aligned, spec, 5);
  assert.equal(warnings.length, 1);
  assert.match(
    warnings[0],
    /^DGS10: bars 2020-03-13\.\.2020-03-24 still see the observation of 2020-03-03/,
  );
  assert.deepEqual(staleStretches("DGS10", march, aligned, spec, 20), []);
});
