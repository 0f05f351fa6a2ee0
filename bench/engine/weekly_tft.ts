/**
 * The main job end to end, through the real CLI as a user types it: a cold `weekly-tft` run
 * into an empty store (target: under 10 minutes on 2 cores) and a fully cached re-run
 * (target: under 2 s wall, Deno's start included). The cold run is watched
 * (`bench/process_monitor.ts`) for issue 18's two measurement goals:
 *
 * - cores busy while fits remain: CPU seconds (all threads: the tfjs Workers are threads of
 *   the CLI process) over wall seconds from the spawn until its last computed train node
 *   finished (`fit_window.ts`), target ≥ 1.8; the whole run's ratio beside it;
 * - peak RSS (VmHWM) of the cold run, and of a second cold run with a third of the folds
 *   (`fold.testYear=[2022,2023,2024]`): at most `--jobs` models train at once whatever the
 *   number of folds, so the ratio should stay near 1 (target < 1.2: garbage-collection timing
 *   moves a peak by a few percent; growth with the folds would show as ~1.5 or more).
 */
import { fromFileUrl } from "../../engine/store/paths.ts";
import { readLedger } from "../../engine/ledger/ledger.ts";
import { type BenchResult, median, timeDeno } from "../result.ts";
import { monitorDeno, type ProcessUsage } from "../process_monitor.ts";
import { coresBusy, lastComputedFinish } from "./fit_window.ts";

const ROOT = fromFileUrl(new URL("../..", import.meta.url).href);
const CLI = fromFileUrl(new URL("../../cli.ts", import.meta.url).href);
const CACHED_REPEATS = 3;
/** The narrower cold run: a third of the nine folds. */
const FEW_FOLDS = "fold.testYear=[2022,2023,2024]";
const MIB = 1024 * 1024;

/** A cold run of weekly-tft into its own empty store, watched; `extra` are more CLI flags. */
async function coldRun(extra: string[] = []) {
  const state = await Deno.makeTempDir({ prefix: "finfusion-bench-state-" });
  const out = await Deno.makeTempDir({ prefix: "finfusion-bench-out-" });
  const args = [
    ...["run", "-A", CLI, "pipeline", "weekly-tft", "--state", state, "--out", out, "--plain"],
    ...extra,
  ];
  try {
    const run = await monitorDeno(args, { cwd: ROOT });
    const entry = readLedger(state).entries.at(-1);
    if (!entry || entry.status !== "ok") {
      throw new Error(`weekly-tft ${extra.join(" ")}: no successful run in ${state}'s ledger`);
    }
    const folds = new Set(entry.nodes.map((node) => node.coords.testYear).filter(Boolean)).size;
    return { run, entry, folds, args, state, out };
  } catch (error) {
    await removeAll(state, out);
    throw error;
  }
}

async function removeAll(...folders: string[]): Promise<void> {
  for (const folder of folders) await Deno.remove(folder, { recursive: true });
}

export async function bench(): Promise<BenchResult[]> {
  const cold = await coldRun();
  const cached: number[] = [];
  try {
    for (let i = 0; i < CACHED_REPEATS; i++) cached.push(await timeDeno(cold.args, ROOT) / 1000);
  } finally {
    await removeAll(cold.state, cold.out);
  }
  const few = await coldRun(["--set", FEW_FOLDS]);
  await removeAll(few.state, few.out);

  const cpus = navigator.hardwareConcurrency;
  const results: BenchResult[] = [
    {
      name: "weekly-tft cold run (empty store)",
      value: cold.run.wallMs / 1000,
      unit: "s",
      target: 600,
      notes: `${cpus} CPUs, --jobs ${cold.entry.jobs} (the default)`,
    },
    {
      name: "weekly-tft fully cached run (wall, Deno start included)",
      value: median(cached),
      unit: "s",
      target: 2,
      notes: `median of ${CACHED_REPEATS}`,
    },
  ];
  const usage = cold.run.usage;
  if ("unavailable" in usage) {
    console.error(`weekly-tft: no CPU or peak RSS rows: ${usage.unavailable}`);
    return results;
  }
  return [...results, ...usageRows(cold, few)];
}

type ColdRun = Awaited<ReturnType<typeof coldRun>>;

/** Issue 18's measurement goals, from the two watched cold runs. */
function usageRows(cold: ColdRun, few: ColdRun): BenchResult[] {
  const usage = cold.run.usage as ProcessUsage;
  const fewUsage = few.run.usage as ProcessUsage;
  const fits = lastComputedFinish(cold.entry, cold.run.lines, "train");
  const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
  return [
    {
      name: "weekly-tft cold: cores busy while fits remain (CPU s / wall s)",
      value: coresBusy(usage, fits.atMs),
      unit: "cores",
      target: 1.8,
      higherIsBetter: true,
      notes: `spawn → last of ${fits.computed} train nodes done (${fits.node}, at ` +
        `${seconds(fits.atMs)} of ${seconds(cold.run.wallMs)}); --jobs ${cold.entry.jobs}`,
    },
    {
      name: "weekly-tft cold: cores busy over the whole run",
      value: usage.cpuMs / cold.run.wallMs,
      unit: "cores",
      notes: `${seconds(usage.cpuMs)} CPU in ${seconds(cold.run.wallMs)}, Deno's start and ` +
        "the tail after the last fit included",
    },
    {
      name: `weekly-tft cold: peak RSS, ${cold.folds} folds`,
      value: usage.peakRssBytes / MIB,
      unit: "MiB",
      notes: `VmHWM of the CLI process sampled every ~150 ms (${usage.samples.length} samples)`,
    },
    {
      name: `weekly-tft cold: peak RSS, ${few.folds} folds (${FEW_FOLDS})`,
      value: fewUsage.peakRssBytes / MIB,
      unit: "MiB",
      notes: `its cold run took ${seconds(few.run.wallMs)}`,
    },
    {
      name: `weekly-tft cold: peak RSS ${cold.folds} folds / ${few.folds} folds`,
      value: usage.peakRssBytes / fewUsage.peakRssBytes,
      unit: "x",
      target: 1.2,
      notes: "at most --jobs models train at once: peak memory should not grow with the folds",
    },
  ];
}
