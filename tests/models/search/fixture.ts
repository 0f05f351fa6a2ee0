/** A synthetic daily feature frame for the model search's tests (seeded random walk). */
import type { FeatureFrame } from "../../../data/frame.ts";
import { SeededRandom } from "../../../models/tf/rng.ts";

export function syntheticFrame(days = 1400, seed = 3): FeatureFrame {
  const rng = new SeededRandom(seed);
  const dates: string[] = [];
  const d = new Date("2001-01-02T00:00:00Z");
  while (dates.length < days) {
    if (d.getUTCDay() !== 0 && d.getUTCDay() !== 6) dates.push(d.toISOString().slice(0, 10));
    d.setUTCDate(d.getUTCDate() + 1);
  }
  const close = new Float64Array(days);
  close[0] = 100;
  for (let t = 1; t < days; t++) close[t] = close[t - 1] * (1 + 0.0003 + 0.01 * rng.normal());
  const target = close.map((c, t) => (t === 0 ? 0 : c / close[t - 1] - 1));
  const noise = Float64Array.from({ length: days }, () => rng.normal());
  return {
    kind: "feature-frame",
    frequency: "daily",
    dates,
    ordinal: Int32Array.from({ length: days }, (_, t) => t),
    close,
    target,
    past: { names: ["ret", "noise"], columns: [target.slice(), noise] },
    known: { names: [], columns: [] },
    regime: dates.map(() => "bull"),
    regimeLabels: ["bull"],
    regimeRule: "test",
    publication: {},
    warnings: [],
  };
}

/** Windows that fit the synthetic frame (rows from 2002 on; test 2005-06 onwards). */
export const SYNTHETIC_WINDOWS = {
  trainStart: "2001-01-01",
  validationStart: "2004-06-01",
  testStart: "2005-01-01",
  testEnd: null,
};
