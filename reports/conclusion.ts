/**
 * The plain-words conclusion, generated from the numbers: whether anything beats
 * always-long (judged by the pooled paired interval of the excess), each model's verdict,
 * its worst year, collapse, skill tests, trading, and what validation loss says about
 * accuracy. Negative results are stated as plainly as positive ones.
 */
import { forecasters } from "../evaluation/benchmark.ts";
import { type CollapsePattern, NEAR_CONSTANT_SHARE } from "../evaluation/collapse.ts";
import type { EvaluationMetrics, ModelEvaluation } from "../evaluation/evaluation.ts";
import { foldColumnTitle } from "../evaluation/fold_labels.ts";
import { byProductSentence, collapseSentence, volatilitySentence } from "./collapse_words.ts";
import { dmAgainstAlwaysLong, meanStd } from "./headline.ts";
import {
  ciPercent,
  formatNumber,
  formatP,
  formatPercent,
  formatPercentWithInterval,
  formatPoints,
  formatPointsInterval,
} from "./format.ts";

export type Verdict = "beats" | "loses" | "ties";

export function verdictOf(model: ModelEvaluation): Verdict {
  const ci = model.pooled.excessCi;
  if (ci && ci.low > 0) return "beats";
  if (ci && ci.high < 0) return "loses";
  return "ties";
}

const VERDICT_WORDS: Record<Verdict, string> = {
  beats: "better than always-long",
  loses: "worse than always-long",
  ties: "not distinguishable from always-long",
};

function unit(metrics: EvaluationMetrics): string {
  return metrics.frequency === "weekly" ? "weeks" : "days";
}

/** The opening sentence: does anything beat always-long? */
export function overallConclusion(metrics: EvaluationMetrics): string {
  const compared = forecasters(metrics);
  if (compared.length === 0) {
    return "Only always-long was evaluated; there is nothing to compare.";
  }
  const winners = compared.filter((m) => verdictOf(m) === "beats");
  const losers = compared.filter((m) => verdictOf(m) === "loses");
  const names = (list: ModelEvaluation[]) => {
    const labels = list.map((m) => m.label);
    return labels.length < 2
      ? labels.join("")
      : `${labels.slice(0, -1).join(", ")} and ${labels.at(-1)}`;
  };
  if (winners.length === 0) {
    return `Nothing beats always-long: no model's pooled directional accuracy is above ` +
      `always-long's on the same ${unit(metrics)} with ${ciPercent(metrics)} confidence` +
      (losers.length
        ? `, and ${names(losers)} ${losers.length > 1 ? "are" : "is"} significantly worse.`
        : ".");
  }
  return `${names(winners)} ${winners.length > 1 ? "beat" : "beats"} always-long with ` +
    `${ciPercent(metrics)} confidence (pooled paired bootstrap, with no correction for testing ` +
    `${compared.length} models)` +
    (winners.length < compared.length
      ? `; ${names(compared.filter((m) => !winners.includes(m)))} ${
        compared.length - winners.length > 1 ? "do" : "does"
      } not.`
      : ".");
}

function standsOutWords(score: { standsOut: boolean; da: number | null }): string {
  if (!score.standsOut) return "";
  return (score.da ?? 1) < 0.5 ? ", worse than a coin flip" : ", significantly below always-long";
}

/**
 * The fold where the model did worst *against always-long*: the lowest excess, then the lowest
 * accuracy. (The lowest accuracy alone picks the year the market fell most, where always-long
 * did as badly, and reads "38.5% against always-long's 38.5%".) None when there is one fold, or
 * every fold's excess is the same (a model with always-long's calls has no worse year).
 */
function worstFold<F extends { excess: number | null; da: number | null }>(
  folds: readonly F[],
): F | undefined {
  if (folds.length < 2 || folds.every((fold) => fold.excess === folds[0].excess)) return undefined;
  const rank = (value: number | null) => value ?? Infinity;
  return [...folds].sort((x, y) => rank(x.excess) - rank(y.excess) || rank(x.da) - rank(y.da))[0];
}

function modelConclusion(metrics: EvaluationMetrics, model: ModelEvaluation): string {
  const a = model.acrossFolds;
  const p = model.pooled;
  const dm = dmAgainstAlwaysLong(model);
  const parts = [
    `**${model.label}** called the direction right on ${meanStd(a.daMean, a.daStd)} of test ` +
    `${unit(metrics)} across ${a.folds} ${a.folds === 1 ? "fold" : "folds"} (mean ± std), ` +
    "against " +
    `${meanStd(a.baseRateMean, a.baseRateStd)} for always-long on the same ${unit(metrics)}. ` +
    `Pooled, that is ${formatPercentWithInterval(p.da, p.daCi)} against ` +
    `${formatPercentWithInterval(p.baseRate, p.baseRateCi)}: an excess of ` +
    `${formatPoints(p.excess)} (${ciPercent(metrics)} CI ${formatPointsInterval(p.excessCi)}` +
    (dm && dm.stat !== null ? `, Diebold–Mariano p ${formatP(dm.pValue)}` : "") +
    (dm && dm.stat === null ? `; the same calls as always-long on every row` : "") + `), ` +
    `${VERDICT_WORDS[verdictOf(model)]}.`,
  ];
  const worst = worstFold(model.folds);
  if (worst) {
    parts.push(
      `Its worst ${foldColumnTitle(metrics.folds)} against always-long was ${worst.group}: ` +
        `${formatPercent(worst.da)} against ` +
        `always-long's ${formatPercent(worst.baseRate)} (excess ${formatPoints(worst.excess)}, ` +
        `CI ${formatPointsInterval(worst.excessCi)})${standsOutWords(worst)}.`,
    );
  }
  if (model.volatility) {
    // A variance forecaster: judged on volatility; a collapsed mean is no direction model.
    if (model.collapse.collapsed) parts.push(byProductSentence(model, unit(metrics)));
    parts.push(volatilitySentence(model.volatility, unit(metrics)));
  }
  if (model.collapse.collapsed) {
    if (!model.volatility) parts.push(collapseSentence(model, unit(metrics)));
  } else {
    const pt = p.pesaranTimmermann;
    parts.push(
      pt.pValue !== null && pt.pValue < 1 - metrics.settings.ciLevel
        ? `The Pesaran–Timmermann test finds directional skill beyond chance (p ${
          formatP(pt.pValue)
        }).`
        : `The Pesaran–Timmermann test finds no evidence of directional skill (p ${
          formatP(pt.pValue)
        }).`,
      ...spreadSentences(metrics, model),
    );
  }
  const lf = model.backtest.longFlat;
  const bh = model.backtest.buyAndHold;
  parts.push(
    `Traded long/flat after costs, its Sharpe ratio was ${formatNumber(lf.sharpe, 2)} against ` +
      `${formatNumber(bh.sharpe, 2)} for buy-and-hold (total return ${
        formatPercent(lf.totalReturn, 0)
      } ` +
      `against ${formatPercent(bh.totalReturn, 0)}, ${lf.trades} ${
        lf.trades === 1 ? "trade" : "trades"
      }).`,
  );
  const c = model.collapse.lossVsDa;
  if (c) {
    const meaning = c.pValue < 0.05 && c.r < 0
      ? `lower loss went with better direction calls, but loosely (r² = ${
        formatNumber(c.r * c.r, 2)
      })`
      : c.pValue < 0.05
      ? "lower loss went with worse direction calls"
      : "validation loss says little about direction calls";
    parts.push(
      `Across ${c.n} epochs, validation loss and validation accuracy correlate at r = ` +
        `${formatNumber(c.r, 2)} (p ${formatP(c.pValue)}): ${meaning}.`,
    );
  }
  return parts.join(" ");
}

const PATTERN_WORDS: Record<Exclude<CollapsePattern, "collapsed">, string> = {
  "near always-long": `it is near always-long: at least ${
    NEAR_CONSTANT_SHARE * 100
  }% of its calls are "up", though it is not collapsed to a constant`,
  "near always-short": `it is near always-short: at least ${
    NEAR_CONSTANT_SHARE * 100
  }% of its calls are "down", though it is not collapsed to a constant`,
  varied: "its calls are not a copy of always-long's",
};

/** How far a (not collapsed) model's outputs spread, and where its calls leave always-long. */
function spreadSentences(metrics: EvaluationMetrics, model: ModelEvaluation): string[] {
  const p = model.pooled;
  const c = model.collapse;
  const d = c.departures;
  const pattern = c.pattern === "collapsed" ? "varied" : c.pattern;
  const sentences = [
    `Its forecasts vary ${formatNumber(p.stdRatio, 2)} times as much as the realised returns ` +
    `(std ${formatPercent(p.predictionStd, 2)} against ${formatPercent(p.actualStd, 2)}) and ` +
    `call "up" on ${formatPercent(p.shareLong)} of test ${unit(metrics)}, when ` +
    `${formatPercent(p.baseRate)} were up. ` +
    (d.rows === 0
      ? `It never departs from always-long, so ${PATTERN_WORDS[pattern]}.`
      : `It departs from always-long (a "down" call) on ${d.rows} ${unit(metrics)} ` +
        `(${formatPercent(d.share)}) and was right on ${formatPercent(d.hitRate)} of them ` +
        `(above 50% gains on always-long; random picks would be right ` +
        `${formatPercent(p.baseRate === null ? null : 1 - p.baseRate)} of the time), so ` +
        `${PATTERN_WORDS[pattern]}.`),
  ];
  const t = c.training;
  if (t && t.firstShareLong !== null && t.keptShareLong !== null) {
    sentences.push(
      `In training, its share of "up" calls on the validation ${unit(metrics)} went from ` +
        `${formatPercent(t.firstShareLong, 0)} at the first epoch to ` +
        `${formatPercent(t.keptShareLong, 0)} at the kept checkpoint (mean over ${t.folds} ` +
        `folds).`,
    );
  }
  return sentences;
}

/** Paragraphs in Markdown inline syntax (bold labels only). */
export function conclusionParagraphs(metrics: EvaluationMetrics): string[] {
  return [
    overallConclusion(metrics),
    ...forecasters(metrics).map((m) => modelConclusion(metrics, m)),
  ];
}
