/**
 * Issue 19, first half: pretrain the small market model on every series of the mirror but the
 * S&P 500 (100 stocks, 11 sector ETFs, SPY, VIX), one pretrain node per rolling fold, each on
 * the ten years before its test year. `pretrained/evaluate` declares the same nodes, so it
 * reuses what this pipeline stored.
 */
import { pipeline } from "../../engine/mod.ts";
import { pretrainNodes } from "../studies/pretrained.ts";

export default pipeline({
  name: "pretrained/pretrain",
  seed: 7,
  description: "Pretrain market-gpt on 113 series (the S&P 500 held out), one node per fold",
}, (p) => {
  pretrainNodes(p);
});
