/**
 * Chooses between the network and the offline mirror for one series. "network" and
 * "mirror" force one; "auto" tries the network and falls back to the mirror when the
 * host cannot be reached (or `--offline` is set). With neither, a {@link SourceUnavailable}
 * names the series and both ways out.
 */
import { mirrorFolderExists } from "./mirror/read.ts";
import { HttpFailure, type HttpOptions } from "./providers/http.ts";
import { type MirrorProblem, SourceUnavailable } from "./unavailable.ts";

export type SourceMode = "auto" | "mirror" | "network";

export interface SourceOptions {
  mode: SourceMode;
  /** Offline mirror folder (`--data DIR` / FINFUSION_DATA); null or "" for none. */
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
  /** Mirror files that would serve the series (layout.ts), named when none exists. */
  mirrorPaths: string[];
}

export interface Loaded<T> {
  value: T;
  /** Why the mirror was read although the network was allowed, if it was. */
  fallbackReason: string | null;
}

export async function loadWithFallback<T>(
  series: string,
  options: SourceOptions,
  attempt: Attempt<T>,
): Promise<Loaded<T>> {
  const { mode, offline } = options;
  const fail = (network: string, mirror: MirrorProblem, networkDown: string | null = null) =>
    new SourceUnavailable([series], { network, mirror, mode, offline, networkDown });
  let network: string;
  let fallbackReason: string | null = null;
  if (offline || mode === "mirror") {
    network = offline ? "the run is --offline" : `the node asks for source "mirror"`;
  } else if (options.networkDown && mode === "auto") {
    network = fallbackReason = options.networkDown;
  } else {
    try {
      return { value: await attempt.network(), fallbackReason: null };
    } catch (error) {
      if (!(error instanceof HttpFailure)) throw error;
      if (mode === "network") throw fail(error.message, { kind: "skipped" });
      network = fallbackReason = `network unavailable (${error.brief})`;
    }
  }
  if (mode === "network") throw fail(network, { kind: "skipped" });
  const dataDir = options.dataDir;
  if (!dataDir) throw fail(network, { kind: "unset" }, fallbackReason);
  const value = await attempt.mirror(dataDir);
  if (value !== null) return { value, fallbackReason };
  const problem: MirrorProblem = await mirrorFolderExists(dataDir)
    ? { kind: "no-file", dataDir, paths: attempt.mirrorPaths }
    : { kind: "no-folder", dataDir };
  throw fail(network, problem, fallbackReason);
}
