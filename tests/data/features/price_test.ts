import assert from "node:assert/strict";
import { dailyBars } from "../../../data/bars.ts";
import { priceFeatures } from "../../../data/features/price.ts";
import { weeklyBars } from "../../../data/weekly.ts";
import { loadPrices } from "../../../data/load_prices.ts";
import { mirrorOptions } from "../_helpers.ts";

const spx = await loadPrices(
  { symbol: "^GSPC", start: "2018-01-01", end: "2019-12-31" },
  mirrorOptions(),
);

Deno.test("price features: weekly returns from weekly closes, volatility from daily returns", () => {
  const daily = dailyBars(spx);
  const weekly = weeklyBars(daily);
  const features = priceFeatures(weekly, daily);
  const t = weekly.dates.indexOf("2019-03-15");
  const previous = weekly.close[t - 1];
  assert.ok(Math.abs(features.ret[t] - (weekly.close[t] / previous - 1)) < 1e-15);
  assert.ok(Math.abs(features.log_ret[t] - Math.log(weekly.close[t] / previous)) < 1e-15);
  // vol_5d: sample std of the five daily log returns up to Friday 2019-03-15, × √252.
  const end = spx.dates.indexOf("2019-03-15");
  const logs = [0, 1, 2, 3, 4].map((k) => Math.log(spx.close[end - k] / spx.close[end - k - 1]));
  const mean = logs.reduce((a, b) => a + b) / 5;
  const std = Math.sqrt(logs.reduce((s, v) => s + (v - mean) ** 2, 0) / 4) * Math.sqrt(252);
  assert.ok(Math.abs(features.vol_5d[t] - std) < 1e-12);
  // Moving-average ratios over weekly closes.
  const sma5 = [0, 1, 2, 3, 4].reduce((s, k) => s + weekly.close[t - k], 0) / 5;
  assert.ok(Math.abs(features.ma_ratio_5[t] - (weekly.close[t] / sma5 - 1)) < 1e-12);
  const volume20 =
    Array.from({ length: 20 }, (_, k) => weekly.volume[t - k]).reduce((a, b) => a + b) / 20;
  assert.ok(Math.abs(features.volume_ratio[t] - weekly.volume[t] / volume20) < 1e-12);
  assert.ok(features.rsi_14[t] > 0 && features.rsi_14[t] < 100);
});
