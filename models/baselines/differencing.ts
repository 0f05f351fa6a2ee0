/** d-th differences and their inverse, for the "I" of ARIMAX. */

/** Δᵈx: a series d shorter than x. */
export function difference(x: ArrayLike<number>, d: number): Float64Array {
  let out = Float64Array.from(x);
  for (let k = 0; k < d; k++) out = out.subarray(1).map((v, i) => v - out[i]);
  return out;
}

/**
 * Coefficients c₁..c_d with Δᵈuₜ = uₜ + Σ cₖ uₜ₋ₖ, so uₜ = Δᵈuₜ − Σ cₖ uₜ₋ₖ integrates a
 * forecast of the differences back to levels. cₖ = (−1)ᵏ·C(d, k).
 */
export function differenceWeights(d: number): Float64Array {
  const weights = new Float64Array(d);
  let binomial = 1;
  for (let k = 1; k <= d; k++) {
    binomial = (binomial * (d - k + 1)) / k;
    weights[k - 1] = (k % 2 === 0 ? 1 : -1) * binomial;
  }
  return weights;
}
