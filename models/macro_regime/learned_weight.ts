/**
 * The reversion model's ensemble weight learned on the training window only: among
 * 0, 0.1, …, 1, the weight whose blend of reversion and momentum means had the lowest MAE
 * on the forecasts already resolved at the origin (ties: the one nearest the prior). With
 * fewer than `minResolved` resolved forecasts it is the prior (the published 0.7).
 */
export interface ResolvedPair {
  actual: number;
  forecasts: { reversion: { mean: number }; momentum: { mean: number } };
}

export const WEIGHT_GRID = Array.from({ length: 11 }, (_, i) => i / 10);

export function learnedWeight(
  resolved: readonly ResolvedPair[],
  prior: number,
  minResolved = 20,
): number {
  if (resolved.length < minResolved) return prior;
  let best = prior, bestMae = Infinity;
  for (const w of WEIGHT_GRID) {
    let sum = 0;
    for (const r of resolved) {
      sum += Math.abs(
        r.actual - (w * r.forecasts.reversion.mean + (1 - w) * r.forecasts.momentum.mean),
      );
    }
    const mae = sum / resolved.length;
    const closer = Math.abs(w - prior) < Math.abs(best - prior);
    if (mae < bestMae - 1e-12 || (Math.abs(mae - bestMae) <= 1e-12 && closer)) {
      best = w;
      bestMae = mae;
    }
  }
  return best;
}
