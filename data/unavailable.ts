/**
 * The error for series that neither the network nor the offline mirror could serve. It
 * names every such series of a fetch node, why each source failed, and both ways out,
 * worded for how the node and the run were configured.
 */
import { DataError } from "./errors.ts";

/** Why the offline mirror could not serve a series. */
export type MirrorProblem =
  | { kind: "unset" }
  | { kind: "skipped" }
  | { kind: "no-folder"; dataDir: string }
  | { kind: "no-file"; dataDir: string; paths: string[] };

export interface Unavailability {
  /** Why the network did not serve it: "the run is --offline", "network unavailable (…)". */
  network: string;
  mirror: MirrorProblem;
  /** The fetch node's `source` and the run's --offline, to say what to change. */
  mode: "auto" | "mirror" | "network";
  offline: boolean;
  /** Set when the network failed in "auto" mode: the node's other series skip it. */
  networkDown: string | null;
}

function mirrorReason(problem: MirrorProblem, count: number): string {
  switch (problem.kind) {
    case "unset":
      return "no offline mirror folder is set";
    case "skipped":
      return `source "network" does not read the mirror`;
    case "no-folder":
      return `the mirror folder ${problem.dataDir} does not exist`;
    case "no-file":
      return `the mirror ${problem.dataDir} has no file for ${count === 1 ? "it" : "them"} ` +
        `(looked for ${problem.paths.join(", ")})`;
  }
}

function waysOut(why: Unavailability): string {
  const mirror = why.mode === "network" ? `set the node's source to "auto" and point` : "point";
  const network = [
    why.offline ? "run without --offline" : null,
    why.mode === "mirror" ? `set the node's source to "auto"` : null,
  ].filter((hint) => hint !== null);
  return `Either ${mirror} finfusion at an offline mirror with --data DIR or ` +
    `FINFUSION_DATA=DIR (layout in data/README.md; ../shared/data works as is), or allow ` +
    `network access to Yahoo Finance and FRED` +
    (network.length > 0 ? ` (${network.join(" and ")})` : "");
}

export class SourceUnavailable extends DataError {
  constructor(readonly ids: readonly string[], readonly why: Unavailability) {
    super({
      code: "unavailable",
      source: "fetch",
      series: ids.join(", "),
      problem: `could not be fetched: ${why.network}; ${mirrorReason(why.mirror, ids.length)}. ` +
        waysOut(why),
    });
  }

  /** One error for several series of a node (the first error's reasons, every file). */
  static merge(errors: readonly SourceUnavailable[]): SourceUnavailable {
    const [first] = errors;
    const paths = errors.flatMap((e) => e.why.mirror.kind === "no-file" ? e.why.mirror.paths : []);
    const mirror: MirrorProblem = first.why.mirror.kind === "no-file"
      ? { ...first.why.mirror, paths }
      : first.why.mirror;
    return new SourceUnavailable(errors.flatMap((e) => e.ids), { ...first.why, mirror });
  }
}
