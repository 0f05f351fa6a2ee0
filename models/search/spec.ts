/**
 * Random model specifications of the search: a family drawn at random, then its
 * hyper-parameters and (for the fitted families) a random subset of the design's columns.
 * Seeded: the same seed and chunk give the same models.
 */
import { SeededRandom, seedFrom } from "../tf/rng.ts";

export type RuleKind = "ma-cross" | "rsi" | "momentum" | "breakout";

export type SearchSpec =
  | { family: "tree"; features: string[]; maxDepth: number; minLeaf: number }
  | { family: "ridge"; features: string[]; alpha: number }
  | { family: "knn"; features: string[]; k: number }
  | { family: "rule"; rule: "ma-cross"; fast: number; slow: number }
  | { family: "rule"; rule: "rsi"; period: number; threshold: number }
  | { family: "rule"; rule: "momentum"; lookback: number }
  | { family: "rule"; rule: "breakout"; lookback: number };

export type Family = SearchSpec["family"];
export const FAMILIES: readonly Family[] = ["tree", "ridge", "knn", "rule"];

/** Relative weight of each family in the draw. */
export type FamilyWeights = Record<Family, number>;

function pickFeatures(rng: SeededRandom, names: readonly string[], max: number): string[] {
  const count = 1 + rng.int(Math.min(max, names.length));
  const pool = names.slice();
  for (let i = 0; i < count; i++) {
    const j = i + rng.int(pool.length - i);
    [pool[i], pool[j]] = [pool[j], pool[i]];
  }
  return pool.slice(0, count).sort();
}

/** A whole number drawn log-uniformly from [low, high]. */
function logInt(rng: SeededRandom, low: number, high: number): number {
  return Math.min(
    high,
    Math.floor(Math.exp(Math.log(low) + rng.next() * Math.log((high + 1) / low))),
  );
}

function drawRule(rng: SeededRandom): SearchSpec {
  const rules: RuleKind[] = ["ma-cross", "rsi", "momentum", "breakout"];
  const rule = rules[rng.int(rules.length)];
  if (rule === "ma-cross") {
    const fast = logInt(rng, 2, 50);
    return { family: "rule", rule, fast, slow: fast + logInt(rng, 3, 200) };
  }
  if (rule === "rsi") {
    return { family: "rule", rule, period: logInt(rng, 2, 30), threshold: 10 + 5 * rng.int(17) };
  }
  return { family: "rule", rule, lookback: logInt(rng, rule === "momentum" ? 1 : 5, 250) };
}

export function drawSpec(
  rng: SeededRandom,
  names: readonly string[],
  weights: FamilyWeights,
): SearchSpec {
  const total = FAMILIES.reduce((s, f) => s + weights[f], 0);
  let u = rng.next() * total;
  const family = FAMILIES.find((f) => (u -= weights[f]) < 0) ?? "rule";
  switch (family) {
    case "tree":
      return {
        family,
        features: pickFeatures(rng, names, 6),
        maxDepth: 1 + rng.int(3),
        minLeaf: logInt(rng, 20, 400),
      };
    case "ridge":
      return { family, features: pickFeatures(rng, names, 8), alpha: 10 ** (-2 + 6 * rng.next()) };
    case "knn":
      return { family, features: pickFeatures(rng, names, 4), k: logInt(rng, 5, 250) };
    case "rule":
      return drawRule(rng);
  }
}

export interface ChunkDraw {
  seed: number;
  chunk: number;
  count: number;
  names: readonly string[];
  weights: FamilyWeights;
}

/** The specs of one chunk: its own stream, so chunks are independent and reproducible. */
export function drawChunk({ seed, chunk, count, names, weights }: ChunkDraw): SearchSpec[] {
  if (FAMILIES.every((f) => !(weights[f] > 0))) {
    throw new Error("search family weights are all zero: give at least one family a weight > 0");
  }
  const rng = new SeededRandom(seedFrom(seed, "model-search", chunk));
  return Array.from({ length: count }, () => drawSpec(rng, names, weights));
}

/** A short readable name, e.g. "knn k=40 [mom_20, vix]". */
export function describeSpec(spec: SearchSpec): string {
  switch (spec.family) {
    case "tree":
      return `tree depth ${spec.maxDepth} leaf≥${spec.minLeaf} [${spec.features.join(", ")}]`;
    case "ridge":
      return `ridge α=${spec.alpha.toPrecision(2)} [${spec.features.join(", ")}]`;
    case "knn":
      return `knn k=${spec.k} [${spec.features.join(", ")}]`;
    case "rule":
      if (spec.rule === "ma-cross") return `rule SMA ${spec.fast} > SMA ${spec.slow}`;
      if (spec.rule === "rsi") return `rule RSI(${spec.period}) < ${spec.threshold}`;
      return `rule ${spec.rule} ${spec.lookback}d`;
  }
}
