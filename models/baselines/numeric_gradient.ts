/**
 * Central-difference gradient, for likelihoods whose analytic gradient is not worth the code
 * (ARIMAX through a Kalman filter, GARCH). Step ∝ ε^(1/3) balances truncation and rounding.
 */
const STEP = Math.cbrt(Number.EPSILON);

export function numericGradient(f: (x: Float64Array) => number, x: Float64Array): Float64Array {
  const gradient = new Float64Array(x.length);
  const probe = Float64Array.from(x);
  for (let i = 0; i < x.length; i++) {
    const h = STEP * Math.max(1, Math.abs(x[i]));
    probe[i] = x[i] + h;
    const up = f(probe);
    probe[i] = x[i] - h;
    const down = f(probe);
    probe[i] = x[i];
    gradient[i] = (up - down) / (2 * h);
  }
  return gradient;
}
