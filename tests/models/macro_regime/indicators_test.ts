import assert from "node:assert/strict";
import { gdpSurpriseAnchors, indicatorAnchors } from "../../../models/macro_regime/indicators.ts";
import { syntheticSeries } from "./_synthetic.ts";

Deno.test("GDP surprise by hand: annualised growth minus the previous quarters' mean", () => {
  const observed = ["2020-01-01", "2020-04-01", "2020-07-01", "2020-10-01"];
  const released = ["2020-03-01", "2020-06-01", "2020-09-01", "2020-12-01"];
  const gdp = [100, 101, 102.01, 104.0502].map((value, i) => ({
    observed: observed[i],
    released: released[i],
    value,
  }));
  // Growth q/q: 1%, 1%, 2% → annualised 4.0604%, 4.0604%, 8.2432%; trend of 2 quarters.
  const [surprise] = gdpSurpriseAnchors(gdp, 2);
  const annual = (g: number) => 100 * (g ** 4 - 1);
  assert.equal(surprise.observed, gdp[3].observed);
  assert.equal(surprise.released, gdp[3].released);
  assert.ok(Math.abs(surprise.value - (annual(1.02) - annual(1.01))) < 1e-9);
  assert.equal(gdpSurpriseAnchors(gdp, 3).length, 0, "3 quarters of trend need 5 levels");
});

Deno.test("inputs take their publication dates; CPI YoY is released with the newer CPI", () => {
  const a = indicatorAnchors(syntheticSeries(), 8);
  // CPI for 2016-06 is known on the 20th of the month after; FEDFUNDS on the 1st after.
  const cpi = a.cpiYoy.find((x) => x.observed === "2016-06-01")!;
  assert.equal(cpi.released, "2016-07-20");
  assert.ok(Math.abs(cpi.value - 100 * (1.002 ** 12 - 1)) < 1e-9);
  assert.equal(a.fedFunds.find((x) => x.observed === "2016-06-01")!.released, "2016-07-01");
  // GDP for Q2 (observed 04-01) is known on the 1st of the second month after the quarter.
  assert.equal(a.gdpSurprise.find((x) => x.observed === "2016-04-01")!.released, "2016-08-01");
  // The 2s10s is posted the next business day: Friday's value on Monday.
  assert.equal(a.curve.find((x) => x.observed === "2016-06-03")!.released, "2016-06-06");
  const missing = { ...syntheticSeries() } as Partial<ReturnType<typeof syntheticSeries>>;
  delete missing.GDPC1;
  assert.throws(
    () => indicatorAnchors(missing as ReturnType<typeof syntheticSeries>, 8),
    /needs FRED series GDPC1; add it to the fetch node/,
  );
});
