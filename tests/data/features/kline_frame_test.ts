import assert from "node:assert/strict";
import { klineFrame } from "../../../data/features/kline_frame.ts";
import { rollingFold } from "../../../data/folds/rolling.ts";
import { series, weekdays } from "../../models/market_gpt/synthetic_panel.ts";

const prices = series("^IDX", weekdays("2010-01-04", 1600), 1);

Deno.test("kline frame: K-line parts as unscaled past features, simple returns as the target", () => {
  const frame = klineFrame(prices, ["return", "range"]);
  assert.deepEqual(frame.past.names, ["kline_return", "kline_range"]);
  assert.equal(frame.dates[0], prices.dates[1]); // the first bar has no return
  const t = 10;
  assert.ok(
    Math.abs(frame.past.columns[0][t] - Math.log(prices.close[t + 1] / prices.close[t])) < 1e-12,
  );
  assert.ok(
    Math.abs(frame.past.columns[1][t] - Math.log(prices.high[t + 1] / prices.low[t + 1])) < 1e-12,
  );
  assert.ok(Math.abs(frame.target[t] - (prices.close[t + 1] / prices.close[t] - 1)) < 1e-12);
});

Deno.test("kline frame: a part undefined after the start is an error naming the series and date", () => {
  const high = prices.high.slice();
  high[700] = NaN;
  assert.throws(
    () => klineFrame({ ...prices, high }, ["return", "range"]),
    new RegExp(`\\^IDX: range undefined on ${prices.dates[700]}`),
  );
  assert.throws(
    () => klineFrame({ ...prices, volume: prices.volume.map(() => 0) }, ["volume"]),
    /no bar has every part volume defined/,
  );
});

Deno.test("kline frame: the rolling fold scales its K-lines on the fold's training rows only", () => {
  const frame = klineFrame(prices, ["return", "range"]);
  const options = {
    testYear: 2015,
    trainYears: 4,
    validationYears: 1,
    validationFraction: null,
    encoderLength: 8,
    horizon: 1,
    embargo: 0,
    features: null,
    laggedTarget: false,
    clipStd: 5,
  };
  const { fold } = rollingFold(frame, options);
  // Changing the test year's bars leaves the scaler (fitted on training rows) unchanged.
  const k = prices.dates.findIndex((d) => d >= "2015-01-01");
  const close = prices.close.map((v, i) => (i >= k ? v * (1 + (i % 5) / 10) : v));
  const other = rollingFold(klineFrame({ ...prices, close }, ["return", "range"]), options).fold;
  assert.deepEqual(other.scaler, fold.scaler);
  assert.notDeepEqual(other.past.values, fold.past.values);
});
