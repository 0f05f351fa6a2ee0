/**
 * Daily S&P 500 returns, 9 rolling folds (test years 2016–2024), the TFT against
 * always-long, ARIMAX and a 3-layer LSTM on the same days, with 20 days of history.
 * The experiment itself is declared in `studies/tft_vs_baselines.ts`.
 */
import { pipeline } from "../engine/mod.ts";
import { tftVersusBaselines } from "./studies/tft_vs_baselines.ts";

export default pipeline({
  name: "daily-tft",
  seed: 7,
  description: "Daily TFT vs always-long, ARIMAX and a 3-layer LSTM on 9 rolling folds",
}, (p) =>
  tftVersusBaselines(p, {
    frequency: "daily",
    encoderLength: 20,
    title: "Daily S&P 500: TFT against the baselines",
  }));
