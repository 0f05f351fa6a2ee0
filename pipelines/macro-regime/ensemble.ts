/**
 * The macro-regime ensemble (seed 002), point in time beside as published: does the 70/30
 * reversion + momentum ensemble forecast the −5 … +5 regime score 7 / 14 / 30 days ahead as
 * well as published once every input enters at its release date — against no-change and
 * last-trend baselines — and does its signal beat always-long on the S&P 500?
 */
import { pipeline } from "../../engine/mod.ts";
import { macroRegimeDag } from "../studies/macro_regime.ts";

export default pipeline({
  name: "macro-regime/ensemble",
  seed: 14,
  description: "Macro-regime score ensemble, point in time and as published, 1998–2024",
}, (p) =>
  macroRegimeDag(p, {
    timings: ["point-in-time", "as-published"],
    title: "Macro-regime ensemble: point in time against as published",
  }));
