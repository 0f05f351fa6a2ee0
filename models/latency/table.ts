/**
 * The latency table of the architecture study's `latency` node: Mamba against the CLS
 * Transformer at each sequence length (`measure.ts`), the fitted scaling exponents k of
 * training and inference cost (cost ∝ L^k; over every length, and over L ≥ `fitFrom`), and
 * Mamba's per-bar recurrent inference. A measurement of the machine it ran on.
 */
import {
  LATENCY_ARCHITECTURES,
  type LatencyArchitecture,
  type LatencyFigures,
  type LatencySize,
  measureLatency,
  recurrentMs,
  scalingExponent,
} from "./measure.ts";

export interface LatencyRow extends LatencyFigures {
  arch: LatencyArchitecture;
  length: number;
}

export interface LatencyExponents {
  arch: LatencyArchitecture;
  /** k of training s/epoch over every length, and over L ≥ `fitFrom` (null: < 2 lengths). */
  train: number;
  trainLong: number | null;
  /** k of inference ms/forecast, likewise. */
  infer: number;
  inferLong: number | null;
}

export interface LatencyTable {
  kind: "latency-table";
  size: LatencySize;
  lengths: number[];
  fitFrom: number;
  rows: LatencyRow[];
  exponents: LatencyExponents[];
  /** Median ms of one `MambaStream.push` after 250 bars (batch 1). */
  recurrentMs: number;
  /** Seconds the whole measurement took. */
  seconds: number;
}

export interface LatencyOptions {
  lengths: number[];
  fitFrom: number;
  size: LatencySize;
  /** Called before each measurement, e.g. to report progress. */
  onMeasure?: (arch: LatencyArchitecture, length: number, index: number, total: number) => void;
}

function exponentFrom(rows: LatencyRow[], from: number, cost: (r: LatencyRow) => number) {
  const kept = rows.filter((r) => r.length >= from);
  return kept.length >= 2 ? scalingExponent(kept.map((r) => r.length), kept.map(cost)) : null;
}

/** Measures every architecture at every length (tfjs must be started on its backend). */
export async function measureLatencyTable(options: LatencyOptions): Promise<LatencyTable> {
  const { lengths, fitFrom, size } = options;
  if (lengths.length < 2) {
    throw new Error(
      `latency: "lengths" needs at least 2 sequence lengths to fit k; got ${lengths}`,
    );
  }
  const began = performance.now();
  const rows: LatencyRow[] = [];
  const total = LATENCY_ARCHITECTURES.length * lengths.length;
  for (const arch of LATENCY_ARCHITECTURES) {
    for (const length of lengths) {
      options.onMeasure?.(arch, length, rows.length, total);
      rows.push({ arch, length, ...await measureLatency(arch, length, size) });
    }
  }
  const exponents = LATENCY_ARCHITECTURES.map((arch) => {
    const mine = rows.filter((r) => r.arch === arch);
    const epoch = (r: LatencyRow) => r.secPerEpoch;
    const infer = (r: LatencyRow) => r.inferMs;
    return {
      arch,
      train: exponentFrom(mine, 0, epoch)!,
      trainLong: exponentFrom(mine, fitFrom, epoch),
      infer: exponentFrom(mine, 0, infer)!,
      inferLong: exponentFrom(mine, fitFrom, infer),
    };
  });
  return {
    kind: "latency-table",
    size,
    lengths,
    fitFrom,
    rows,
    exponents,
    recurrentMs: recurrentMs(250, size),
    seconds: (performance.now() - began) / 1000,
  };
}
