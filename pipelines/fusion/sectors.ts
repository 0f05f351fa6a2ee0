/**
 * Does fusing forecasts of the 11 sector ETFs (a complete decomposition of the S&P 500, free of
 * survivorship bias) beat forecasting the index directly, or always-long? Daily, 2021–2024.
 */
import { pipeline } from "../../engine/mod.ts";
import { SECTOR_ETFS } from "../../data/panel/universe.ts";
import { FUSION_MODELS, fusionStudy } from "../studies/fusion_study.ts";

export default pipeline({
  name: "fusion/sectors",
  seed: 15,
  description: "S&P 500 direction fused from sector-ETF forecasts vs direct vs always-long",
}, (p) =>
  fusionStudy(p, {
    groups: { etf: SECTOR_ETFS },
    title: "Index fusion from the 11 sector ETFs (survivorship-free)",
    notes: [
      "Constituents: the 11 SPDR sector ETFs, a complete survivorship-free decomposition of " +
      "the index (XLRE from 2015, XLC from 2018 enter at their first trading day).",
    ],
    trainStride: 1,
    // The ablation of the global models: the main model and ridge, one per sector ETF.
    perSeries: { msmixer: FUSION_MODELS.msmixer, ridge: FUSION_MODELS.ridge },
  }));
