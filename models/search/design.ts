/**
 * The model search's design: one row per target day, whose inputs are the feature frame's
 * columns and the technical columns at the close of the day before, and whose label is the
 * target day's return. Rows are cut into a training window (fits), a validation window
 * (in-sample selection) and a test window (out of sample), by the target day's date.
 * Nothing in a row is observed on or after its target day.
 */
import type { FeatureFrame } from "../../data/frame.ts";
import { TECHNICAL_WARMUP, technicalColumns } from "./technical.ts";

export interface RowRange {
  from: number;
  to: number;
}

export interface SearchDesign {
  kind: "search-design";
  /** Date of each row's target day. */
  dates: string[];
  /** Date of the close its inputs were observed at (the trading day before). */
  inputDates: string[];
  featureNames: string[];
  /** features[j][i]: column j of row i. */
  features: Float64Array[];
  /** The target day's simple return. */
  returns: Float64Array;
  /** The closes the rules read: close[closeIndex[i]] is row i's last observed close. */
  close: Float64Array;
  closeIndex: Int32Array;
  train: RowRange;
  validation: RowRange;
  test: RowRange;
}

export interface DesignWindows {
  /** First target date of the training window (inclusive). */
  trainStart: string;
  /** First target date of the validation window; the training window ends before it. */
  validationStart: string;
  /** First target date of the test window. */
  testStart: string;
  /** Last target date of the test window (inclusive); null: as far as the data goes. */
  testEnd: string | null;
}

function rangeOf(dates: string[], from: string, before: string | null): RowRange {
  let start = dates.findIndex((d) => d >= from);
  if (start < 0) start = dates.length;
  let end = before === null ? dates.length : dates.findIndex((d) => d >= before);
  if (end < 0) end = dates.length;
  return { from: start, to: Math.max(start, end) };
}

function checkWindows(w: DesignWindows) {
  const order = [w.trainStart, w.validationStart, w.testStart];
  if (
    !(order[0] < order[1] && order[1] < order[2]) || (w.testEnd !== null && w.testEnd < order[2])
  ) {
    throw new Error(
      `search windows must be in order trainStart < validationStart < testStart <= testEnd; ` +
        `got ${order.join(", ")}, ${w.testEnd}: fix the split node's parameters`,
    );
  }
}

export function buildSearchDesign(frame: FeatureFrame, windows: DesignWindows): SearchDesign {
  if (frame?.kind !== "feature-frame" || frame.frequency !== "daily") {
    throw new Error(
      `the model search needs a daily feature frame (feature node with frequency "daily"), ` +
        `got ${frame?.kind} ${frame?.frequency ?? ""}`,
    );
  }
  checkWindows(windows);
  const technical = technicalColumns(frame.close);
  const names = [...frame.past.names, ...Object.keys(technical)];
  const source = [...frame.past.columns, ...Object.values(technical)];
  // Row i: inputs at bar t = i + TECHNICAL_WARMUP - 1 (every column finite), label bar t + 1.
  const first = TECHNICAL_WARMUP - 1;
  const inputRows = Int32Array.from(
    { length: Math.max(0, frame.dates.length - 1 - first) },
    (_, i) => first + i,
  );
  const dates = Array.from(inputRows, (t) => frame.dates[t + 1]);
  const testEnd = windows.testEnd === null ? null : nextDay(windows.testEnd);
  const train = rangeOf(dates, windows.trainStart, windows.validationStart);
  const validation = rangeOf(dates, windows.validationStart, windows.testStart);
  const test = rangeOf(dates, windows.testStart, testEnd);
  for (
    const [name, range] of [["training", train], ["validation", validation], [
      "test",
      test,
    ]] as const
  ) {
    if (range.to - range.from < 50) {
      throw new Error(
        `search ${name} window has ${range.to - range.from} rows (need ≥ 50); the data covers ` +
          `${dates[0] ?? "nothing"}..${dates.at(-1) ?? ""}: move the window dates inside it`,
      );
    }
  }
  return {
    kind: "search-design",
    dates,
    inputDates: Array.from(inputRows, (t) => frame.dates[t]),
    featureNames: names,
    features: source.map((column) => Float64Array.from(inputRows, (t) => column[t])),
    returns: Float64Array.from(inputRows, (t) => frame.target[t + 1]),
    close: frame.close.slice(),
    closeIndex: inputRows,
    train,
    validation,
    test,
  };
}

/** The day after an ISO date (so an inclusive end date becomes an exclusive bound). */
function nextDay(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}
