/**
 * A cold run of a pipeline through the real CLI, as a user types it (`--plain`, the default
 * `--jobs`), into its own empty store, watched by `bench/process_monitor.ts`; and the rows
 * of issue 18's measurement goals it gives: cores busy until the run's last computed train
 * node finished (`fit_window.ts`, target ≥ 1.8), over the whole run, and peak RSS.
 */
import { fromFileUrl } from "../../engine/store/paths.ts";
import { type LedgerEntry, readLedger } from "../../engine/ledger/ledger.ts";
import { type RunTime, runTime } from "../../engine/ledger/run_time.ts";
import type { BenchResult } from "../result.ts";
import { monitorDeno, type MonitoredRun, type ProcessUsage } from "../process_monitor.ts";
import { coresBusy, lastComputedFinish } from "./fit_window.ts";

export const ROOT = fromFileUrl(new URL("../..", import.meta.url).href);
const CLI = fromFileUrl(new URL("../../cli.ts", import.meta.url).href);
export const MIB = 1024 * 1024;

export interface ColdRun {
  pipeline: string;
  run: MonitoredRun;
  entry: LedgerEntry;
  /** Distinct test years among the run's nodes. */
  folds: number;
  /** The `deno` arguments of the run (re-run them for a fully cached run). */
  args: string[];
  /** Its store and output folders; {@link removeRun} deletes them. */
  state: string;
  out: string;
}

/** Runs `pipeline` cold (`extra`: more CLI flags); throws unless its ledger says ok. */
export async function coldRun(pipeline: string, extra: string[] = []): Promise<ColdRun> {
  const state = await Deno.makeTempDir({ prefix: "finfusion-bench-state-" });
  const out = await Deno.makeTempDir({ prefix: "finfusion-bench-out-" });
  const args = [
    ...["run", "-A", CLI, "pipeline", pipeline, "--state", state, "--out", out, "--plain"],
    ...extra,
  ];
  try {
    const run = await monitorDeno(args, { cwd: ROOT });
    const entry = readLedger(state).entries.at(-1);
    if (!entry || entry.status !== "ok") {
      throw new Error(`${pipeline} ${extra.join(" ")}: no successful run in ${state}'s ledger`);
    }
    const folds = new Set(entry.nodes.map((node) => node.coords.testYear).filter(Boolean)).size;
    return { pipeline, run, entry, folds, args, state, out };
  } catch (error) {
    await removeRun({ state, out });
    throw error;
  }
}

export async function removeRun(run: Pick<ColdRun, "state" | "out">): Promise<void> {
  for (const folder of [run.state, run.out]) await Deno.remove(folder, { recursive: true });
}

export const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

/**
 * Where the node time went, briefly: the slowest groups, each split along its coarsest axis
 * (fewest values: the models rather than the folds), e.g. "fit 141 s (tft 80 s, lstm 49 s, …)".
 */
export function nodeTimeText(time: RunTime, groups = 3): string {
  const s = (ms: number) => `${(ms / 1000).toFixed(ms < 10_000 ? 1 : 0)} s`;
  return time.groups.slice(0, groups).map((group) => {
    const coarsest = [...group.axes].sort((a, b) => a.values.length - b.values.length)[0];
    const split = coarsest
      ? ` (${coarsest.axis}: ${coarsest.values.map((v) => `${v.value} ${s(v.ms)}`).join(", ")})`
      : "";
    return `${group.group} ${s(group.ms)}${split}`;
  }).join("; ");
}

/** Cold wall time (with its target), then the CPU and memory rows (left out off Linux). */
export function coldRows(cold: ColdRun, targetSeconds: number, goal: string): BenchResult[] {
  const time = runTime(cold.entry.nodes);
  const rows: BenchResult[] = [{
    name: `${cold.pipeline} cold run (empty store)`,
    value: cold.run.wallMs / 1000,
    unit: "s",
    target: targetSeconds,
    notes:
      `${goal}; ${navigator.hardwareConcurrency} CPUs, --jobs ${cold.entry.jobs} (the default)`,
  }, {
    name: `${cold.pipeline} cold: node time, summed over the ${time.ran} nodes that ran`,
    value: time.ranMs / 1000,
    unit: "s",
    notes: `${nodeTimeText(time)}; a node's time includes its Worker's start`,
  }];
  if ("unavailable" in cold.run.usage) {
    console.error(`${cold.pipeline}: no CPU or peak RSS rows: ${cold.run.usage.unavailable}`);
    return rows;
  }
  const usage = cold.run.usage as ProcessUsage;
  const fits = lastComputedFinish(cold.entry, cold.run.lines, "train");
  return [
    ...rows,
    {
      name: `${cold.pipeline} cold: cores busy while fits remain (CPU s / wall s)`,
      value: coresBusy(usage, fits.atMs),
      unit: "cores",
      target: 1.8,
      higherIsBetter: true,
      notes: `spawn → last of ${fits.computed} train nodes done (${fits.node}, at ` +
        `${seconds(fits.atMs)} of ${seconds(cold.run.wallMs)}); --jobs ${cold.entry.jobs}`,
    },
    {
      name: `${cold.pipeline} cold: cores busy over the whole run`,
      value: usage.cpuMs / cold.run.wallMs,
      unit: "cores",
      notes: `${seconds(usage.cpuMs)} CPU in ${seconds(cold.run.wallMs)}, Deno's start and ` +
        "the tail after the last fit included",
    },
    {
      name: `${cold.pipeline} cold: peak RSS, ${cold.folds} folds`,
      value: usage.peakRssBytes / MIB,
      unit: "MiB",
      notes: `VmHWM of the CLI process sampled every ~150 ms (${usage.samples.length} samples)`,
    },
  ];
}
