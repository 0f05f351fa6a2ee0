/**
 * Realistic synthetic train results for the report tests: several rolling folds of
 * S&P-like returns (a losing 2022 "tightening" year), and four models — always-long, a
 * TFT-like model with quantiles, epoch history, attention and variable importance, ARIMAX
 * with coefficients, and an LSTM collapsed to near-constant "up" calls (plus, on request, a
 * CLS transformer with attention by layer and head). Seeded, so every
 * call with the same options returns the same results.
 */
import seedrandom from "seedrandom";
import type { Gathered } from "../../engine/task.ts";
import type {
  EpochRecord,
  Forecast,
  Frequency,
  ScoredRows,
  TrainResult,
} from "../../models/contract.ts";

export interface FixtureOptions {
  years?: number[];
  frequency?: Frequency;
  horizon?: number;
  seed?: number;
  /** Model labels to include (default the first four). */
  models?: Array<
    "always-long" | "tft" | "arimax" | "lstm" | "cls-transformer" | "ridge" | "random-forest"
  >;
  /** Two half-year walk-forward folds per year (no test year) instead of one per year. */
  walkForward?: boolean;
}

export const QUANTILE_LEVELS = [0.1, 0.5, 0.9];
const ENCODER_LENGTH = 8;

/** Trading dates of a year: Fridays (weekly) or weekdays (daily). */
export function tradingDates(year: number, frequency: Frequency): string[] {
  const dates: string[] = [];
  for (let t = Date.UTC(year, 0, 1); t < Date.UTC(year + 1, 0, 1); t += 86_400_000) {
    const day = new Date(t).getUTCDay();
    if (frequency === "weekly" ? day === 5 : day !== 0 && day !== 6) {
      dates.push(new Date(t).toISOString().slice(0, 10));
    }
  }
  return dates;
}

function gaussian(random: () => number): () => number {
  return () => {
    const u = 1 - random();
    const v = random();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  };
}

interface YearData {
  year: number;
  dates: string[];
  /** Returns of the test rows plus `horizon` rows after (for multi-step targets). */
  returns: number[];
  regime: string[];
}

function yearData(
  year: number,
  frequency: Frequency,
  horizon: number,
  normal: () => number,
): YearData {
  const dates = tradingDates(year, frequency);
  const scale = frequency === "weekly" ? 1 : 1 / Math.sqrt(5);
  const drift = (year === 2022 ? -0.006 : 0.003) * scale;
  const vol = (year === 2022 ? 0.03 : 0.02) * scale;
  const returns = Array.from({ length: dates.length + horizon }, () => drift + vol * normal());
  const regime = dates.map((_, i) => year === 2022 ? "tightening" : i % 13 < 3 ? "stress" : "calm");
  return { year, dates, returns, regime };
}

interface FixtureFold {
  year: number;
  data: YearData;
  foldId: string;
  testYear: number | null;
}

/** The first and second half of a year's test rows (returns keep `horizon` rows after). */
function halves(data: YearData, horizon: number): YearData[] {
  const mid = Math.floor(data.dates.length / 2);
  return [[0, mid], [mid, data.dates.length]].map(([from, to]) => ({
    year: data.year,
    dates: data.dates.slice(from, to),
    returns: data.returns.slice(from, to + horizon),
    regime: data.regime.slice(from, to),
  }));
}

function scored(data: YearData, horizon: number, point: (i: number, h: number) => number) {
  const n = data.dates.length;
  const actual = new Float32Array(n * horizon);
  const forecast = new Float32Array(n * horizon);
  for (let i = 0; i < n; i++) {
    for (let h = 0; h < horizon; h++) {
      actual[i * horizon + h] = data.returns[i + h];
      forecast[i * horizon + h] = point(i, h);
    }
  }
  const rows: Forecast & ScoredRows = {
    split: "test",
    origins: Int32Array.from({ length: n }, (_, i) => 100 + i),
    horizon,
    point: forecast,
    dates: [...data.dates],
    actual,
    regime: [...data.regime],
  };
  return rows;
}

function withQuantiles(rows: Forecast & ScoredRows, spread: number): Forecast & ScoredRows {
  const z = [-1.2816, 0, 1.2816];
  const values = new Float32Array(rows.point.length * z.length);
  rows.point.forEach((p, i) => z.forEach((zk, k) => (values[i * z.length + k] = p + zk * spread)));
  return { ...rows, quantiles: { levels: QUANTILE_LEVELS, values } };
}

function tftHistory(year: number, normal: () => number): EpochRecord[] {
  return Array.from({ length: 12 }, (_, e) => {
    const loss = 1 + 0.3 * ((e - 5) / 6) ** 2 + 0.02 * normal() + (year - 2019) * 0.01;
    return {
      epoch: e + 1,
      trainLoss: 1.3 - 0.03 * e,
      validationLoss: loss,
      validationDirectionalAccuracy: 0.58 - 0.4 * (loss - 1) + 0.02 * normal(),
      predictionStdRatio: 0.6 * Math.exp(-(0.08 + 0.02 * (year % 5)) * e),
      shareLong: Math.min(1, 0.5 + (0.02 + 0.006 * (year % 4)) * e),
      outputToEncoderGradRatio: 3 + e,
      learningRate: 0.001,
    };
  });
}

export function buildFits(options: FixtureOptions = {}): Gathered<TrainResult> {
  const years = options.years ?? [2019, 2020, 2021, 2022];
  const frequency = options.frequency ?? "weekly";
  const horizon = options.horizon ?? 1;
  const seed = options.seed ?? 11;
  const include = options.models ?? ["always-long", "tft", "arimax", "lstm"];
  const random = seedrandom.alea(`fixture/${seed}`);
  const normal = gaussian(random);
  const results: Gathered<TrainResult> = [];
  const folds = years.flatMap((year): FixtureFold[] => {
    const data = yearData(year, frequency, horizon, normal);
    if (!options.walkForward) return [{ year, data, foldId: `fold-${year}`, testYear: year }];
    return halves(data, horizon).map((half, k) => ({
      year,
      data: half,
      foldId: `walk-forward-${2 * years.indexOf(year) + k}-${year}-0${1 + 6 * k}-01-${frequency}`,
      testYear: null,
    }));
  });
  for (const { year, data, foldId, testYear } of folds) {
    const noise = data.returns.map(() => normal());
    const training = [...tradingDates(year - 2, frequency), ...tradingDates(year - 1, frequency)];
    const base = (model: string, test: Forecast & ScoredRows): TrainResult => ({
      model,
      label: model,
      config: {},
      foldId,
      testYear,
      frequency,
      horizon,
      test,
      validation: null,
      fit: { history: [], selectedEpoch: null, summary: {} },
      explanation: null,
      weights: null,
      backend: "wasm",
      seed,
      trainSpan: { first: training[0], last: training.at(-1)!, rows: training.length },
    });
    const models: Record<string, TrainResult> = {
      "always-long": base("always-long", scored(data, horizon, () => 0.0015)),
      tft: {
        ...base(
          "tft",
          withQuantiles(
            scored(
              data,
              horizon,
              (i, h) =>
                year === 2022
                  ? 0.002 + 0.001 * noise[i + h]
                  : 0.4 * data.returns[i + h] + 0.012 * noise[i + h],
            ),
            0.02,
          ),
        ),
        fit: { history: tftHistory(year, normal), selectedEpoch: 6, summary: { parameters: 2048 } },
        explanation: {
          attention: {
            steps: Array.from({ length: ENCODER_LENGTH }, (_, k) => k - ENCODER_LENGTH + 1),
            weights: Array.from(
              { length: ENCODER_LENGTH },
              (_, k) => 0.05 + 0.02 * k + 0.005 * (year % 3),
            ),
          },
          variableImportance: {
            static: { regime: 1 },
            past: {
              return_lag: 0.4,
              vix: 0.3 + 0.01 * (year % 2),
              cpi_yoy: 0.2 - 0.01 * (year % 2),
              term_spread: 0.1,
            },
            future: { week_of_year: 0.6, month: 0.4 },
          },
        },
      },
      arimax: {
        ...base(
          "arimax",
          scored(
            data,
            horizon,
            (i, h) => 0.001 + 0.1 * (data.returns[i + h - 1] ?? 0) + 0.003 * noise[i + h],
          ),
        ),
        fit: { history: [], selectedEpoch: null, summary: { aic: -412.5, p: 1, q: 0 } },
        explanation: { coefficients: { const: 0.001, ar1: 0.1 + 0.01 * (year % 4), vix: -0.002 } },
      },
      lstm: {
        ...base("lstm", scored(data, horizon, (i, h) => 0.002 + 1e-5 * noise[i + h])),
        fit: {
          history: tftHistory(year, normal).slice(0, 5).map((r) => ({
            ...r,
            shareLong: 1,
            predictionStdRatio: 0.01,
          })),
          selectedEpoch: 2,
          summary: {},
        },
      },
      ridge: {
        ...base("ridge", scored(data, horizon, (i, h) => 0.0012 + 0.004 * noise[i + h])),
        explanation: { coefficients: ridgeCoefficients(year) },
      },
      "random-forest": {
        ...base("random-forest", scored(data, horizon, (i, h) => 0.001 + 0.005 * noise[i + h])),
        explanation: { variableImportance: treeImportance(year) },
      },
      "cls-transformer": {
        ...base("cls-transformer", scored(data, horizon, (i, h) => 0.001 + 0.006 * noise[i + h])),
        explanation: {
          attentionByHead: [0, 1].map((layer) =>
            [0, 1, 2, 3].map((head) =>
              Array.from({ length: ENCODER_LENGTH }, (_, k) => (1 + ((k + head + layer) % 4)) / 20)
            )
          ),
        },
      },
    };
    for (const label of include) {
      const fold = testYear === null ? foldId : String(year);
      results.push({
        id: `fit[${testYear === null ? "fold" : "testYear"}=${fold},model=${label}]`,
        coords: { [testYear === null ? "fold" : "testYear"]: fold, model: label },
        value: models[label],
      });
    }
  }
  return results;
}

/**
 * The fits labelled `from` again under `to` (id, model coordinate and label), each value
 * changed by `edit`: a cheap extra model for tests that need one with particular fields.
 */
export function relabelFits(
  fits: Gathered<TrainResult>,
  from: string,
  to: string,
  edit: (value: TrainResult) => Partial<TrainResult>,
): Gathered<TrainResult> {
  return fits.filter(({ value }) => value.label === from).map(({ id, coords, value }) => ({
    id: id.replace(from, to),
    coords: { ...coords, model: to },
    value: { ...value, ...edit(value), label: to },
  }));
}

const FLAT_INPUTS = ["ret", "vix", "cpi_yoy"].flatMap((name) =>
  [0, 1, 2, 3, 4].map((lag) => `lag${lag}:${name}`)
);

/** A ridge fit on 15 flattened inputs: lag0:vix strongest and always negative. */
function ridgeCoefficients(year: number): Record<string, number> {
  const table: Record<string, number> = { intercept: 0.0011 };
  FLAT_INPUTS.forEach((name, j) => {
    table[name] = name === "lag0:vix" ? -0.0009 - 0.0001 * (year % 2) : 0.0001 * ((j % 5) - 2);
  });
  return table;
}

/** Tree importances normalised over all inputs (past and static together sum to 1). */
function treeImportance(year: number) {
  const raw = FLAT_INPUTS.map((name, j) => (name === "lag0:ret" ? 6 : 1 + (j % 3)) + (year % 2));
  const statics = { regime_calm: 0.5, regime_stress: 1.5 };
  const total = raw.reduce((a, b) => a + b, 0) + statics.regime_calm + statics.regime_stress;
  return {
    past: Object.fromEntries(FLAT_INPUTS.map((name, j) => [name, raw[j] / total])),
    static: Object.fromEntries(Object.entries(statics).map(([name, v]) => [name, v / total])),
    future: {},
  };
}
