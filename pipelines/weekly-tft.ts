/**
 * The main job: weekly S&P 500 returns, 9 rolling folds (test years 2016–2024), the TFT
 * against always-long, ARIMAX and a 3-layer LSTM on the same weeks.
 * The experiment itself is declared in `studies/tft_vs_baselines.ts`.
 */
import { pipeline } from "../engine/mod.ts";
import { tftVersusBaselines } from "./studies/tft_vs_baselines.ts";

export default pipeline({
  name: "weekly-tft",
  seed: 7,
  description: "Weekly TFT vs always-long, ARIMAX and a 3-layer LSTM on 9 rolling folds",
}, (p) =>
  tftVersusBaselines(p, {
    frequency: "weekly",
    encoderLength: 12,
    title: "Weekly S&P 500: TFT against the baselines",
  }));
