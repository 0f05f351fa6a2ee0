/**
 * The CLS-Transformer guide's single-split protocol (source 001: SPY 2015–2024, 60-day windows,
 * an 80/20 split of windows, 487 test days) as named options. Each option's first value is
 * the leak-free choice and the default; the guide's own choice is a named alternative that the
 * claims report flags. `GUIDE_CHOICES` is the one list of them: the departures a run carries
 * are read from it, never listed twice.
 */
import { z } from "zod";

interface Choice<V extends string> {
  /** The leak-free value (the default). */
  fair: V;
  /** The guide's value. */
  published: V;
  /** What the guide's value does, as the report shows it. */
  departure: string;
}

const choice = <V extends string>(fair: V, published: V, departure: string): Choice<V> => ({
  fair,
  published,
  departure,
});

export const GUIDE_CHOICES = {
  scaler: choice(
    "training-rows",
    "whole-dataset",
    "leak: the feature scaler is fitted on the whole dataset, test days included",
  ),
  stopOn: choice(
    "validation",
    "test",
    "leak: early stopping, checkpoint and learning-rate cuts read the test loss",
  ),
  priceInputs: choice(
    "relative",
    "raw-levels",
    "departure: raw Open/High/Low/Close/Volume levels as inputs (non-stationary)",
  ),
  rsi: choice("wilder", "simple-mean", "departure: RSI from simple 14-day means, not Wilder's"),
  targets: choice(
    "standardised",
    "raw-with-l2",
    "departure: raw (unscaled) daily returns as targets, Adam with weight decay 1e-5 " +
      "(applied decoupled here; the guide's torch Adam couples it as L2)",
  ),
  targetWindow: choice(
    "next-day",
    "skip-day",
    "departure: the target skips a day (window rows i..i+59 predict the return i+60 → i+61)",
  ),
  split: choice(
    "dates",
    "fraction",
    "departure: one 80/20 split of the windows by count (a single test window)",
  ),
  sharpe: choice(
    "plain",
    "excess-of-2pct",
    "departure: Sharpe = (compounded annual return − 2%) / annual volatility",
  ),
} as const;

export type GuideOption = keyof typeof GUIDE_CHOICES;

type Values<K extends GuideOption> = [
  (typeof GUIDE_CHOICES)[K]["fair"],
  (typeof GUIDE_CHOICES)[K]["published"],
];

const optionSchema = <K extends GuideOption>(key: K) => {
  const values = [GUIDE_CHOICES[key].fair, GUIDE_CHOICES[key].published] as Values<K>;
  return z.enum(values).default(values[0]);
};

export const guideProtocolSchema = z.object({
  scaler: optionSchema("scaler"),
  stopOn: optionSchema("stopOn"),
  priceInputs: optionSchema("priceInputs"),
  rsi: optionSchema("rsi"),
  targets: optionSchema("targets"),
  targetWindow: optionSchema("targetWindow"),
  split: optionSchema("split"),
  sharpe: optionSchema("sharpe"),
  /** Share of windows in training under `split: "fraction"` (the guide: 0.8). */
  trainFraction: z.number().gt(0.1).lt(1).default(0.8),
  /** First test day under `split: "dates"`. */
  testStart: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).default("2023-01-03"),
  /** Share of the training windows (the latest) that choose the checkpoint (stopOn: validation). */
  validationFraction: z.number().gt(0).lt(0.5).default(0.2),
  lookback: z.number().int().min(5).max(250).default(60),
  /** The guide's backtest: long when the forecast exceeds it, flat otherwise; cost per trade. */
  threshold: z.number().min(0).default(0.001),
  cost: z.number().min(0).max(0.05).default(0.001),
}).strict();

export type GuideProtocol = z.infer<typeof guideProtocolSchema>;

/** Every option at the guide's value: the protocol as published. */
export const AS_PUBLISHED: Partial<GuideProtocol> = Object.fromEntries(
  Object.entries(GUIDE_CHOICES).map(([key, c]) => [key, c.published]),
);

/** The departures a protocol carries, in `GUIDE_CHOICES` order (none for the defaults). */
export function guideDepartures(protocol: GuideProtocol): string[] {
  return (Object.keys(GUIDE_CHOICES) as GuideOption[])
    .filter((key) => protocol[key] === GUIDE_CHOICES[key].published)
    .map((key) => GUIDE_CHOICES[key].departure);
}
