/**
 * Realistic synthetic train results for the report tests: several rolling folds of
 * S&P-like returns (a losing 2022 "tightening" year), and four models — always-long, a
 * TFT-like model with quantiles, epoch history, attention and variable importance, ARIMAX
 * with coefficients, and an LSTM collapsed to near-constant "up" calls (plus, on request, a
 * CLS transformer with attention by layer and head). Seeded, so every
 * call with the same options returns the same results.
 */
import { SeededRandom, seedFrom } from "../../models/tf/rng.ts";
import { ridgeCoefficients, tftHistory, treeImportance } from "./fixture_fit_details.ts";
import { gaussian, halves, tradingDates, type YearData, yearData } from "./fixture_market.ts";
import type { Gathered } from "../../engine/task.ts";
import type { Forecast, Frequency, ScoredRows, TrainResult } from "../../models/contract.ts";

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

interface FixtureFold {
  year: number;
  data: YearData;
  foldId: string;
  testYear: number | null;
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

export function buildFits(options: FixtureOptions = {}): Gathered<TrainResult> {
  const years = options.years ?? [2019, 2020, 2021, 2022];
  const frequency = options.frequency ?? "weekly";
  const horizon = options.horizon ?? 1;
  const seed = options.seed ?? 11;
  const include = options.models ?? ["always-long", "tft", "arimax", "lstm"];
  const stream = new SeededRandom(seedFrom("fixture", seed));
  const random = () => stream.next();
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
