/**
 * Shared test helpers for the data stages: where the reference data and the fixtures are,
 * a fake task context that records warnings, and the real inputs read from the mirror.
 */
import { fileURLToPath } from "node:url";
import { join } from "node:path";
import type { TaskContext } from "../../engine/task.ts";
import { loadMacro } from "../../data/load_macro.ts";
import { loadPrices } from "../../data/load_prices.ts";
import type { SourceOptions } from "../../data/source.ts";
import type { MacroSeries, PriceSeries } from "../../data/snapshot.ts";
import { FEATURE_NAMES, type FrameOptions } from "../../data/frame.ts";
import type { FoldCommon, RollingOptions } from "../../data/folds/rolling.ts";
import { DEFAULT_MACRO_SERIES } from "../../tasks/fetch.ts";

export const REPO_ROOT = fileURLToPath(new URL("../../", import.meta.url));

/** `../shared/data` beside the repository, or FINFUSION_DATA when set. */
export function sharedDataDir(): string {
  return Deno.env.get("FINFUSION_DATA") ?? join(REPO_ROOT, "..", "shared", "data");
}

export function fixture(path: string): string {
  return join(REPO_ROOT, "tests", "fixtures", "data", path);
}

export function readFixture(path: string): string {
  return Deno.readTextFileSync(fixture(path));
}

export interface FakeContext extends TaskContext {
  warnings: string[];
  messages: string[];
}

export function fakeContext(overrides: Partial<TaskContext> = {}): FakeContext {
  const warnings: string[] = [];
  const messages: string[] = [];
  return {
    nodeId: "test-node",
    coords: {},
    seed: 7,
    backend: "none",
    dataDir: sharedDataDir(),
    offline: true,
    progress: (update) => void messages.push(update.message ?? ""),
    warn: (message) => void warnings.push(message),
    metric: () => {},
    signal: new AbortController().signal,
    ...overrides,
    warnings,
    messages,
  };
}

/** Mirror-only source options (the network is never touched). */
export function mirrorOptions(dataDir = sharedDataDir()): SourceOptions {
  return {
    mode: "mirror",
    dataDir,
    offline: true,
    maxGapDays: 5,
    http: { timeoutMs: 1000, retries: 0, backoffMs: 0 },
  };
}

export interface RealInputs {
  spx: PriceSeries;
  vix: PriceSeries;
  macro: MacroSeries;
}

/** S&P 500, VIX and the default FRED series up to 2024-12-31, from the shared mirror. */
export async function realInputs(): Promise<RealInputs> {
  const options = mirrorOptions();
  const end = "2024-12-31";
  return {
    spx: await loadPrices({ symbol: "^GSPC", start: "1990-01-01", end }, options),
    vix: await loadPrices({ symbol: "^VIX", start: "1990-01-01", end }, options),
    macro: await loadMacro({ ids: [...DEFAULT_MACRO_SERIES], start: "1989-01-01", end }, options),
  };
}

/** Asserts that `fn` throws a DataError with `code`, and returns its message. */
export async function dataErrorOf(
  fn: () => unknown | Promise<unknown>,
  code: string,
): Promise<{ message: string; source: string; series: string; row: number | null }> {
  try {
    await fn();
  } catch (error) {
    const e = error as { code?: string; message: string; source: string; series: string };
    if (e.code !== code) {
      throw new Error(`expected a DataError "${code}", got ${e.code ?? "no code"}: ${e.message}`);
    }
    return error as { message: string; source: string; series: string; row: number | null };
  }
  throw new Error(`expected a DataError "${code}", but nothing was thrown`);
}

/** The feature node's documented defaults (tasks/feature.ts), all features. */
export const FRAME_DEFAULTS: Omit<FrameOptions, "frequency"> = {
  features: FEATURE_NAMES,
  publication: {},
  maxGapDays: 5,
  regime: { vixThreshold: 25, trendDays: 200 },
};

/** The split nodes' documented defaults shared by rolling and walk-forward folds. */
export const FOLD_DEFAULTS: FoldCommon & { validationFraction: null } = {
  encoderLength: 12,
  horizon: 1,
  embargo: 0,
  features: null,
  laggedTarget: true,
  clipStd: 5,
  validationFraction: null,
};

/** `rollingFold`'s documented defaults, all but the test year. */
export const ROLLING_DEFAULTS: Omit<RollingOptions, "testYear"> = {
  ...FOLD_DEFAULTS,
  trainYears: 10,
  validationYears: 1,
};
