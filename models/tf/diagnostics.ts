/**
 * Collapse diagnostics of point forecasts against targets, on the raw return scale:
 * directional accuracy, prediction spread against target spread, share of long calls.
 */

export interface PointDiagnostics {
  /** Share of entries whose predicted sign matches the realised sign (> 0 counts as up). */
  directionalAccuracy: number;
  /** Population std of all point predictions. */
  predictionStd: number;
  /** predictionStd / std of targets; null when the targets are constant. */
  predictionStdRatio: number | null;
  /** Share of point predictions above zero. */
  shareLong: number;
  /** Share of targets above zero. */
  targetShareUp: number;
}

function std(values: Float32Array): number {
  let mean = 0;
  for (const v of values) mean += v;
  mean /= values.length;
  let sumSq = 0;
  for (const v of values) sumSq += (v - mean) ** 2;
  return Math.sqrt(sumSq / values.length);
}

/** `point` and `target` are the same shape ([n, H] row-major); both must be non-empty. */
export function pointDiagnostics(point: Float32Array, target: Float32Array): PointDiagnostics {
  if (point.length !== target.length || point.length === 0) {
    throw new Error(
      `pointDiagnostics: need equal, non-empty arrays, got ${point.length} predictions and ${target.length} targets`,
    );
  }
  let hits = 0;
  let long = 0;
  let up = 0;
  for (let i = 0; i < point.length; i++) {
    if ((point[i] > 0) === (target[i] > 0)) hits++;
    if (point[i] > 0) long++;
    if (target[i] > 0) up++;
  }
  const predictionStd = std(point);
  const targetStd = std(target);
  return {
    directionalAccuracy: hits / point.length,
    predictionStd,
    predictionStdRatio: targetStd > 0 ? predictionStd / targetStd : null,
    shareLong: long / point.length,
    targetShareUp: up / point.length,
  };
}
