/**
 * `architectures/weekly`: Mamba, TSMixer and the multi-scale
 * TSMixer against the CLS Transformer, the TFT, the LSTM and always-long on weekly S&P 500
 * returns, one-year rolling folds (test years 2022–2024 by default), a 52-week encoder window (the multi-scale
 * TSMixer's default paths: the last 13, 39 and 52 weeks), every model fitted under
 * three seeds (replicates 0–2) in one run.
 */
import { pipeline } from "../../engine/mod.ts";
import { architectureStudy } from "../studies/architectures.ts";

export default pipeline({
  name: "architectures/weekly",
  seed: 1,
  description: "Mamba, TSMixer, multi-scale TSMixer vs Transformers, LSTM and always-long, weekly",
}, (p) =>
  architectureStudy(p, {
    frequency: "weekly",
    encoderLength: 52,
    title: "Weekly S&P 500: state-space and mixer models against Transformers and always-long",
  }));
