/**
 * Claim 5's row of the claims audit: the guide's CLS Transformer on SPY, its Sharpe ratio
 * (each run by its own formula: the guide's (annual return − 2%) / volatility as published,
 * the plain one leak-free) with stationary-bootstrap intervals; the constant forecast (the
 * training mean) as a variant and buy-and-hold as the baseline on the leak-free run's days.
 * MSE, MAE, direction accuracy and trades go into the verdict.
 */
import { guideSharpe } from "../../models/cls_guide/backtest.ts";
import type { GuideScores } from "../../models/cls_guide/score.ts";
import type { GuideBaselineScores } from "../../models/cls_guide/baselines.ts";
import { type ClaimSummary, type Estimate, parseClaimSummary } from "./claim_row.ts";
import { bootstrapInterval } from "./sharpe.ts";

export const CLS_PUBLISHED = "Transformer MSE 6.4e-5, MAE 0.006118, Sharpe 1.02, 10.0% a " +
  "year, 4 trades on 487 test days; random forest Sharpe 0.61, gradient boosting −0.99, " +
  "ridge −1.42";

/** One run of the protocol, as the run task stores it. */
export interface GuideRunResult {
  kind: "cls-guide-run";
  departures: string[];
  sharpe: "plain" | "excess-of-2pct";
  scores: GuideScores;
  fit: { selectedEpoch: number | null; epochs: number; trainWindows: number; scalerRows: number };
}

export interface ClsClaimOptions {
  reps: number;
  meanBlock: number;
  level: number;
  seed: number;
}

function sharpeEstimate(
  daily: Float64Array,
  kind: GuideRunResult["sharpe"],
  departures: string[],
  options: ClsClaimOptions & { tag: string },
): Estimate {
  const value = guideSharpe(daily, kind);
  const { low, high } = bootstrapInterval(
    daily.length,
    value,
    (rows) => guideSharpe(daily, kind, rows),
    { ...options, seed: `${options.seed}:cls:${options.tag}` },
  );
  return { value, low, high, rows: daily.length, pValue: null, departures };
}

/** Direction accuracy with its binomial (normal approximation) 95% interval, in words. */
export function accuracyText(accuracy: number, rows: number): string {
  const half = 1.96 * Math.sqrt(accuracy * (1 - accuracy) / rows);
  const pct = (x: number) => `${(100 * x).toFixed(1)}%`;
  return `${pct(accuracy)} [${pct(accuracy - half)}, ${pct(accuracy + half)}]`;
}

/** The guide's classical baselines of each run (optional: a report without them still parses). */
export interface ClsBaselines {
  published: GuideBaselineScores;
  leakFree: GuideBaselineScores;
}

export function clsGuideClaim(
  published: GuideRunResult,
  leakFree: GuideRunResult,
  options: ClsClaimOptions,
  baselines?: ClsBaselines,
): ClaimSummary {
  if (leakFree.departures.length > 0) {
    throw new Error(
      `claim 5: the leak-free run carries departures (${leakFree.departures.join("; ")}); ` +
        "leave every cls-guide option at its default there",
    );
  }
  const est = (run: GuideRunResult, daily: Float64Array, tag: string, departures: string[]) =>
    sharpeEstimate(daily, run.sharpe, departures, { ...options, tag });
  const lf = leakFree.scores;
  const ap = published.scores;
  const verdict = clsVerdict(published.scores, leakFree.scores);
  return parseClaimSummary({
    kind: "claim-summary",
    claim: 5,
    title: "The CLS-Transformer guide's single split",
    source: "“Transformer models for financial time series” guide (source 001): SPY " +
      "2015–2024, 60-day windows, 80/20 split",
    metric: `Sharpe ratio of the guide's long-only backtest (0.1% a trade, threshold 0.001; ` +
      `each run by its own formula; stationary-bootstrap 95% intervals), test days from ${
        lf.dates[0]
      } (leak-free)`,
    published: CLS_PUBLISHED,
    asPublished: est(published, ap.transformer.daily, "published", published.departures),
    leakFree: est(leakFree, lf.transformer.daily, "leak-free", []),
    variants: [
      {
        name: "constant forecast (training mean)",
        estimate: est(leakFree, lf.constant.daily, "constant", []),
      },
      ...Object.entries(baselines?.leakFree.scores ?? {}).map(([name, score]) => ({
        name,
        estimate: est(leakFree, score.daily, name, []),
      })),
    ],
    baseline: {
      name: "buy-and-hold SPY",
      estimate: est(leakFree, lf.buyAndHold.daily, "buy-and-hold", []),
    },
    details: clsDetails(published.scores, leakFree.scores, baselines),
    verdict,
  });
}

/** Every forecast of both runs: MSE, MAE, direction accuracy, Sharpe, annual return, trades. */
export function clsDetails(ap: GuideScores, lf: GuideScores, baselines?: ClsBaselines) {
  const rows = (
    label: string,
    s: GuideScores,
    kind: GuideRunResult["sharpe"],
    others: GuideBaselineScores | undefined,
  ) => {
    const n = s.actual.length;
    const up = s.actual.filter((r) => r > 0).length / n;
    const forecast = (name: string, f: GuideScores["transformer"]) => [
      `${label}: ${name}`,
      sci(f.mse),
      f.mae.toFixed(5),
      accuracyText(f.directionAccuracy, n),
      guideSharpe(f.daily, kind).toFixed(2),
      pct(f.annualReturn),
      String(f.trades),
      String(n),
    ];
    return [
      forecast("Transformer", s.transformer),
      forecast("constant (training mean)", s.constant),
      ...Object.entries(others?.scores ?? {}).map(([name, score]) => forecast(name, score)),
      [
        `${label}: buy-and-hold`,
        "–",
        "–",
        accuracyText(up, n),
        guideSharpe(s.buyAndHold.daily, kind).toFixed(2),
        pct(s.buyAndHold.annualReturn),
        "1",
        String(n),
      ],
    ];
  };
  return {
    caption: "Each run's forecasts on its own test days (Sharpe by the run's formula; direction " +
      "accuracy with its binomial 95% interval; buy-and-hold's is always-long's hit rate).",
    header: [
      "forecast",
      "MSE",
      "MAE",
      "direction accuracy",
      "Sharpe",
      "return a year",
      "trades",
      "days",
    ],
    rows: [
      ...rows("as published", ap, "excess-of-2pct", baselines?.published),
      ...rows("leak-free", lf, "plain", baselines?.leakFree),
    ],
  };
}

const sci = (x: number) => x.toExponential(1);
const pct = (x: number) => `${(100 * x).toFixed(1)}%`;

/** One sentence: the as-published run beside a constant, then the leak-free one. */
export function clsVerdict(ap: GuideScores, lf: GuideScores): string {
  const rows = lf.actual.length;
  const upShare = lf.actual.filter((r) => r > 0).length / rows;
  const hold = guideSharpe(lf.buyAndHold.daily, "plain");
  const t = lf.transformer;
  const noSkill = t.mse >= lf.constant.mse;
  const trails = guideSharpe(t.daily, "plain") < hold;
  const ending = noSkill && trails
    ? "no skill survives."
    : noSkill
    ? "its MSE shows no skill, so its backtest's edge on one split is no evidence of one."
    : trails
    ? "it forecasts a little better than a constant but trails buy-and-hold."
    : "it beats both on this one split, which is a single test window.";
  return `As published, the Transformer scores MSE ${sci(ap.transformer.mse)} and Sharpe ` +
    `${ap.transformer.sharpe.toFixed(2)} (${pct(ap.transformer.annualReturn)} a year, ` +
    `${ap.transformer.trades} trades) but the constant forecast scores MSE ` +
    `${sci(ap.constant.mse)} with direction accuracy ${pct(ap.constant.directionAccuracy)} ` +
    `against its ${pct(ap.transformer.directionAccuracy)}, and buy-and-hold's Sharpe on those ` +
    `days is ${ap.buyAndHold.sharpe.toFixed(2)}; leak-free, its MSE is ${sci(t.mse)} against ` +
    `the constant's ${sci(lf.constant.mse)}, its direction accuracy ` +
    `${accuracyText(t.directionAccuracy, rows)} against always-long's ${pct(upShare)} and its ` +
    `Sharpe ratio ${guideSharpe(t.daily, "plain").toFixed(2)} against buy-and-hold's ` +
    `${hold.toFixed(2)} on the same ${rows} days: ${ending}`;
}
