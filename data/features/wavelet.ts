/**
 * Haar wavelet denoising, as the wavelet–autoencoder–LSTM study used it (Bao, Yue & Rao
 * 2017; replicated with `pywt.wavedec(x, "haar", level)`, soft thresholds on the detail
 * coefficients, `pywt.waverec`), in two forms:
 *
 * - `denoise(series)`: the whole series at once, as published. Every output depends on
 *   the whole series: a value at date t moves when later values arrive. Fitted on the full
 *   sample before splitting, this leaks the future into every input.
 * - `causalDenoise(series)`: each point is the last point of the denoised series up to it
 *   (an expanding window). An output never changes when later points are appended.
 *
 * Odd lengths are extended by repeating the last value (pywt's "symmetric" mode for Haar).
 * The threshold is Donoho–Johnstone's universal one, σ·√(2 ln n) with σ = median(|d₁|) /
 * 0.6745 from the finest details, applied softly to every detail level. `passes: 2` denoises
 * the denoised series again, as the study did.
 */

export interface DenoiseOptions {
  /** Decomposition levels (the study: 2). */
  levels: number;
  /** Times the denoising is applied in a row (the study: 2). */
  passes: number;
}

export const DENOISE_DEFAULTS: DenoiseOptions = { levels: 2, passes: 2 };
const SQRT1_2 = Math.SQRT1_2;

/** One Haar analysis step: approximation and detail coefficients. */
function analyse(x: Float64Array): { approx: Float64Array; detail: Float64Array } {
  const half = Math.ceil(x.length / 2);
  const approx = new Float64Array(half);
  const detail = new Float64Array(half);
  for (let i = 0; i < half; i++) {
    const a = x[2 * i];
    const b = 2 * i + 1 < x.length ? x[2 * i + 1] : a;
    approx[i] = (a + b) * SQRT1_2;
    detail[i] = (a - b) * SQRT1_2;
  }
  return { approx, detail };
}

/** Inverse of `analyse`, trimmed to `length`. */
function synthesise(approx: Float64Array, detail: Float64Array, length: number): Float64Array {
  const x = new Float64Array(length);
  for (let i = 0; i < approx.length; i++) {
    x[2 * i] = (approx[i] + detail[i]) * SQRT1_2;
    if (2 * i + 1 < length) x[2 * i + 1] = (approx[i] - detail[i]) * SQRT1_2;
  }
  return x;
}

function median(values: Float64Array): number {
  const sorted = Float64Array.from(values).sort();
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** Multi-level Haar decomposition, soft-thresholded details, reconstruction. */
function denoiseOnce(series: Float64Array, levels: number): Float64Array {
  const lengths: number[] = [];
  const details: Float64Array[] = [];
  let approx: Float64Array = series;
  for (let level = 0; level < levels && approx.length > 1; level++) {
    lengths.push(approx.length);
    const step = analyse(approx);
    details.push(step.detail);
    approx = step.approx;
  }
  if (details.length === 0) return Float64Array.from(series);
  const sigma = median(details[0].map(Math.abs)) / 0.6745;
  const threshold = sigma * Math.sqrt(2 * Math.log(series.length));
  for (const detail of details) {
    for (let i = 0; i < detail.length; i++) {
      const d = detail[i];
      detail[i] = Math.sign(d) * Math.max(Math.abs(d) - threshold, 0);
    }
  }
  for (let level = details.length - 1; level >= 0; level--) {
    approx = synthesise(approx, details[level], lengths[level]);
  }
  return approx;
}

function check(options: DenoiseOptions): void {
  for (const key of ["levels", "passes"] as const) {
    if (!Number.isInteger(options[key]) || options[key] < 1) {
      throw new RangeError(
        `wavelet denoising: ${key} must be a positive integer, got ${options[key]}`,
      );
    }
  }
}

/** The whole series denoised at once (as published: every output sees the whole series). */
export function denoise(series: ArrayLike<number>, options = DENOISE_DEFAULTS): Float64Array {
  check(options);
  let x: Float64Array = Float64Array.from(series);
  for (let pass = 0; pass < options.passes; pass++) x = denoiseOnce(x, options.levels);
  return x;
}

/** Point t is the last point of the series up to t, denoised: no output sees a later value. */
export function causalDenoise(series: ArrayLike<number>, options = DENOISE_DEFAULTS): Float64Array {
  check(options);
  const out = new Float64Array(series.length);
  for (let t = 0; t < series.length; t++) {
    const prefix = denoise(Array.prototype.slice.call(series, 0, t + 1), options);
    out[t] = prefix[t];
  }
  return out;
}
