/**
 * The macro-regime ensemble as its source built it: monthly and quarterly data made daily
 * by forward fill and linear interpolation between observation dates (values used before
 * they were published). Its twin `macro-regime/ensemble` runs it beside point in time.
 */
import { pipeline } from "../../engine/mod.ts";
import { macroRegimeDag } from "../studies/macro_regime.ts";

export default pipeline({
  name: "macro-regime/as-published",
  seed: 14,
  description: "Macro-regime score ensemble on the source's interpolated daily data",
}, (p) =>
  macroRegimeDag(p, {
    timings: ["as-published"],
    title: "Macro-regime ensemble, as published (interpolated daily data)",
  }));
