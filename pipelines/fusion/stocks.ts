/**
 * The same fusion study on 100 large-cap stocks. Survivorship-biased: the list is today's
 * large caps, i.e. the companies that became large, so their past returns (and the fused
 * forecasts' backtests) are biased upward; compare with `fusion/sectors`.
 */
import { pipeline } from "../../engine/mod.ts";
import { LARGE_CAPS } from "../../data/panel/universe.ts";
import { fusionStudy } from "../studies/fusion_study.ts";

export default pipeline({
  name: "fusion/stocks",
  seed: 15,
  description: "S&P 500 direction fused from 100 large-cap stock forecasts (survivorship-biased)",
}, (p) =>
  fusionStudy(p, {
    groups: { stocks: LARGE_CAPS },
    title: "Index fusion from 100 large caps (SURVIVORSHIP-BIASED: today's large caps)",
    notes: [
      "Survivorship bias: the 100 stocks are a 2026 large-cap list, not point-in-time " +
      "constituents; they are the companies that became large, so results on them are biased " +
      "upward. Compare with fusion/sectors, which has no such bias.",
    ],
    trainStride: 4,
    // No per-series ablation: 100 stocks × 4 folds would be 400 fits per model (see sectors).
    perSeries: null,
  }));
