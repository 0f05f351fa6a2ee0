/**
 * `sweep(...)` marks a top-level parameter value as an axis to expand a node over: each
 * value becomes its own node, `fit[testYear=2016,model=tft]`, with its own cache key.
 * The axis is named after the parameter. Problems (an unlabelled object, a duplicate
 * label) are recorded here and reported at load time with the node and field.
 */
const SWEEP = Symbol.for("finfusion.sweep");

export interface SweepEntry<T> {
  label: string;
  value: T;
}

export interface Sweep<T = unknown> {
  readonly [SWEEP]: true;
  /** "array" for `sweep([..])`, "record" for `sweep({ label: value })`. */
  readonly form: "array" | "record";
  readonly entries: ReadonlyArray<SweepEntry<T>>;
  /** Why the sweep is invalid, if it is. */
  readonly problem: string | null;
}

/** Axis labels appear in node ids and on the command line, so they stay simple. */
export const LABEL_PATTERN = /^[A-Za-z0-9_.+-]+$/;

/** Declares an axis: `sweep([2016, 2017])` (labels "2016", "2017") or `sweep({ tft: {...} })`. */
export function sweep<T>(values: readonly T[] | Record<string, T>): Sweep<T> {
  if (Array.isArray(values)) {
    const entries = values.map((value) => ({ label: labelOf(value), value }));
    return makeSweep("array", entries);
  }
  const entries = Object.entries(values as Record<string, T>).map(([label, value]) => ({
    label,
    value,
  }));
  return makeSweep("record", entries);
}

export function isSweep(value: unknown): value is Sweep {
  return typeof value === "object" && value !== null && SWEEP in value;
}

/** Builds a sweep from entries (used by `--set` to replace a sweep's values). */
export function makeSweep<T>(form: "array" | "record", entries: SweepEntry<T>[]): Sweep<T> {
  return { [SWEEP]: true, form, entries, problem: findProblem(entries) };
}

function labelOf(value: unknown): string {
  if (typeof value === "string" || typeof value === "number" || typeof value === "boolean") {
    return String(value);
  }
  return "";
}

function findProblem(entries: SweepEntry<unknown>[]): string | null {
  if (entries.length === 0) return "sweep has no values";
  const seen = new Set<string>();
  for (const { label } of entries) {
    if (label === "") {
      return "sweep([...]) takes strings, numbers or booleans; label other values with " +
        "sweep({ label: value })";
    }
    if (!LABEL_PATTERN.test(label)) {
      return `sweep label "${label}" may only use letters, digits, '_', '.', '+' or '-'`;
    }
    if (seen.has(label)) return `sweep label "${label}" appears twice`;
    seen.add(label);
  }
  return null;
}
