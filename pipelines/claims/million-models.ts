/**
 * Claims audit, claim 3: "a million models" — of over 1,000,000 nonlinear models, none
 * predicted the S&P 500's daily direction out of sample. A random search of cheap models
 * (shallow trees, ridge on random feature subsets, k-NN, indicator rules), each fitted on
 * 2000–2010, selected on 2011–2014 and scored on 2015–2024 beside always-long, then the
 * data-snooping tests that count every model tried (White's Reality Check, Hansen's SPA,
 * the deflated Sharpe ratio, Holm and Benjamini–Hochberg).
 *
 * The search is a sweep of `search` nodes, one per chunk of seeded models, each its own
 * cache entry: a larger search recomputes only the new chunks, e.g. 20,000 models with
 * `--set search.models=500 --set 'search.chunk=[0,1,…,39]'`.
 */
import { type NodeRef, pipeline, type PipelineBuilder, sweep } from "../../engine/mod.ts";
import { fetchMacro, fetchPrices } from "../../tasks/fetch.ts";
import { buildFeatures } from "../../tasks/feature.ts";
import { searchChunk, searchDesign } from "../../tasks/model_search.ts";
import { summariseModelSearch } from "../../tasks/model_search_summary.ts";
import { modelSearchClaim } from "../../tasks/claims/model_search_claim.ts";
import { renderReport } from "../../tasks/report.ts";
import type { ClaimSummary } from "../../evaluation/claims/claim_row.ts";
import { STUDY_END } from "../studies/market_data.ts";

/** The frame's inputs the fitted families draw from (the search adds technical columns). */
export const SEARCH_FEATURES = [
  "vol_5d",
  "vol_20d",
  "ma_ratio_5",
  "ma_ratio_20",
  "ma_5_20",
  "rsi_14",
  "volume_ratio",
  "vix",
  "vix_change",
] as const;

/** Chunks of the default search (250 models each: 2,000 models). */
export const DEFAULT_CHUNKS = 8;

export interface MillionModelsClaimOptions {
  /** Chunks of the search and models per chunk (default 8 × 250 = 2,000 models). */
  chunks?: number;
  models?: number;
}

/**
 * Declares claim 3's nodes and returns its ClaimSummary node. The search's ids are the ones
 * this pipeline has always had (`spx` … `metrics`: node ids enter cache keys, so prefixing
 * them would recompute the search); only the summary node is new, `million-claim`.
 */
export function declareMillionModelsClaim(
  p: PipelineBuilder,
  options: MillionModelsClaimOptions = {},
): NodeRef<ClaimSummary> {
  const spx = p.fetch("spx", fetchPrices, { symbol: "^GSPC", end: STUDY_END });
  const vix = p.fetch("vix", fetchPrices, { symbol: "^VIX", end: STUDY_END });
  const macro = p.fetch("macro", fetchMacro, { end: STUDY_END });
  const features = p.feature("features", buildFeatures, {
    frequency: "daily",
    features: [...SEARCH_FEATURES],
  }, { spx, vix, macro });
  const design = p.split("design", searchDesign, {}, { features });
  const search = p.train("search", searchChunk, {
    chunk: sweep(Array.from({ length: options.chunks ?? DEFAULT_CHUNKS }, (_, i) => i)),
    models: options.models ?? 250,
  }, { design });
  const metrics = p.evaluate("metrics", summariseModelSearch, {}, {
    design,
    chunks: search.gather(),
  });
  return p.node("million-claim", {
    kind: "claim",
    task: modelSearchClaim,
    params: {},
    inputs: { metrics },
  });
}

export default pipeline({
  name: "claims/million-models",
  seed: 7,
  description: "A random search of cheap models on daily S&P 500 direction, with " +
    "data-snooping-adjusted significance against always-long",
}, (p) => {
  declareMillionModelsClaim(p);
  p.report("report", renderReport, {
    title: "Claims audit: a million models on daily S&P 500 direction",
    sections: ["model-search", "run"],
  }, { metrics: "metrics" });
});
