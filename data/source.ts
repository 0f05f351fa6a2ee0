/**
 * Chooses between the network and the offline mirror for one series. "network" and
 * "mirror" force one; "auto" tries the network and falls back to the mirror when the
 * host cannot be reached (or `--offline` is set). With neither, the error names the series
 * and both ways out.
 */
import { DataError } from "./errors.ts";
import { HttpFailure, type HttpOptions } from "./providers/http.ts";

export type SourceMode = "auto" | "mirror" | "network";

export interface SourceOptions {
  mode: SourceMode;
  /** Offline mirror folder (`--data DIR` / FINFUSION_DATA), or null. */
  dataDir: string | null;
  /** `--offline`: never touch the network. */
  offline: boolean;
  http: HttpOptions;
  /** Largest tolerated gap in a series, in weekdays; longer gaps become warnings. */
  maxGapDays: number;
  /** Set once a host proved unreachable in this fetch: skip the network for the rest. */
  networkDown?: string;
}

export interface Attempt<T> {
  /** Reads from the network; throws HttpFailure when the host cannot be reached. */
  network(): Promise<T>;
  /** Reads from the mirror; null when the mirror has no file for the series. */
  mirror(dataDir: string): Promise<T | null>;
}

export interface Loaded<T> {
  value: T;
  /** Why the mirror was read although the network was allowed, if it was. */
  fallbackReason: string | null;
}

function unavailable(series: string, reasons: string[]): DataError {
  return new DataError({
    code: "unavailable",
    source: "fetch",
    series,
    problem: `could not be fetched: ${reasons.join("; ")}. Either point finfusion at an ` +
      `offline mirror with --data DIR or FINFUSION_DATA=DIR (layout in data/README.md), ` +
      `or allow network access to Yahoo Finance and FRED (no --offline, source "auto" or ` +
      `"network")`,
  });
}

export async function loadWithFallback<T>(
  series: string,
  options: SourceOptions,
  attempt: Attempt<T>,
): Promise<Loaded<T>> {
  const reasons: string[] = [];
  let fallbackReason: string | null = null;
  const networkAllowed = options.mode !== "mirror" && !options.offline;
  if (networkAllowed && options.networkDown && options.mode === "auto") {
    reasons.push(options.networkDown);
    fallbackReason = options.networkDown;
  } else if (networkAllowed) {
    try {
      return { value: await attempt.network(), fallbackReason: null };
    } catch (error) {
      if (!(error instanceof HttpFailure)) throw error;
      if (options.mode === "network") throw unavailable(series, [error.message]);
      reasons.push(error.message);
      fallbackReason = `network unavailable (${error.brief})`;
    }
  } else {
    reasons.push(
      options.offline ? "the run is --offline" : `source "mirror" was asked for`,
    );
  }
  if (options.mode === "network") throw unavailable(series, reasons);
  if (options.dataDir === null) {
    reasons.push("no offline mirror folder is set");
    throw unavailable(series, reasons);
  }
  const value = await attempt.mirror(options.dataDir);
  if (value === null) {
    reasons.push(`the mirror ${options.dataDir} has no file for it`);
    throw unavailable(series, reasons);
  }
  return { value, fallbackReason };
}
