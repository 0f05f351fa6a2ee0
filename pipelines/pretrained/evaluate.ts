/**
 * Issue 19: a small pretrained market model of our own against GARCH(1,1). The pretrained
 * weights (pretrained/pretrain's nodes, declared again here so one command runs all) forecast
 * the S&P 500 zero-shot and fine-tuned; the same architecture trained on the index alone,
 * GARCH(1,1), a realised-volatility naive and always-long are scored on the same days:
 * variance forecasts (QLIKE, MSE on r², ±1.96σ̂ coverage), direction beside always-long, and
 * synthetic paths' stylised facts beside the real index's.
 */
import { pipeline } from "../../engine/mod.ts";
import { pretrainedStudy } from "../studies/pretrained.ts";

export default pipeline({
  name: "pretrained/evaluate",
  seed: 7,
  description: "Pretrained market-gpt zero-shot and fine-tuned vs index-only, GARCH(1,1), " +
    "a realised-vol naive and always-long; synthetic paths' stylised facts",
}, (p) => pretrainedStudy(p));
