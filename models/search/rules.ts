/**
 * Indicator rules over the closes: each gives an on/off signal per bar from close[0..t]
 * only. "ma-cross": SMA(fast) > SMA(slow); "rsi": RSI(period) < threshold (oversold);
 * "momentum": the close above its value `lookback` days earlier; "breakout": a Donchian
 * channel state, on after a close at the `lookback`-day high, off after one at the low.
 */
import { rollingMean, rsi } from "../../data/features/rolling.ts";
import type { SearchSpec } from "./spec.ts";
import { rollingExtreme } from "./technical.ts";

export type RuleSpec = Extract<SearchSpec, { family: "rule" }>;

/** Signal per bar of `close` (1 on, 0 off; 0 while the rule's window is not yet full). */
export function ruleSignal(spec: RuleSpec, close: Float64Array): Uint8Array {
  const n = close.length;
  const out = new Uint8Array(n);
  switch (spec.rule) {
    case "ma-cross": {
      const fast = rollingMean(close, spec.fast);
      const slow = rollingMean(close, spec.slow);
      for (let t = 0; t < n; t++) out[t] = fast[t] > slow[t] ? 1 : 0;
      return out;
    }
    case "rsi": {
      const values = rsi(close, spec.period);
      for (let t = 0; t < n; t++) out[t] = values[t] < spec.threshold ? 1 : 0;
      return out;
    }
    case "momentum":
      for (let t = spec.lookback; t < n; t++) out[t] = close[t] > close[t - spec.lookback] ? 1 : 0;
      return out;
    case "breakout": {
      const high = rollingExtreme(close, spec.lookback, "max");
      const low = rollingExtreme(close, spec.lookback, "min");
      let state = 0;
      for (let t = 0; t < n; t++) {
        if (close[t] >= high[t]) state = 1;
        else if (close[t] <= low[t]) state = 0;
        out[t] = state;
      }
      return out;
    }
  }
}
