/**
 * `architectures/daily`: the architecture study on daily S&P 500 returns with an 80-day
 * encoder window (the multi-scale TSMixer's default paths: the last 20, 60 and 80 days).
 * Daily folds hold five times the weekly rows, so by default it compares the state-space and
 * mixer models with always-long on the 2024 fold only, three seeds each;
 * `--set 'fold.testYear=[2022,2023,2024]'` widens the folds. The Transformers and the LSTM
 * run in `architectures/weekly`.
 */
import { pipeline } from "../../engine/mod.ts";
import { architectureStudy } from "../studies/architectures.ts";

export default pipeline({
  name: "architectures/daily",
  seed: 1,
  description: "Mamba, TSMixer, multi-scale TSMixer vs always-long, daily, 2024 fold, 3 seeds",
}, (p) =>
  architectureStudy(p, {
    frequency: "daily",
    encoderLength: 80,
    testYears: [2024],
    labels: ["mamba", "tsmixer", "multiscale-tsmixer", "always-long"],
    title: "Daily S&P 500: state-space and mixer models against always-long",
  }));
