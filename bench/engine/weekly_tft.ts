/**
 * The main job end to end: a cold `weekly-tft` run into an empty store (target: under
 * 10 minutes on 2 cores) and a fully cached re-run (target: under 2 s wall, Deno's start
 * included), both through the real CLI as a user types it.
 */
import { fromFileUrl } from "../../engine/store/paths.ts";
import { type BenchResult, median, timeDeno } from "../result.ts";

const ROOT = fromFileUrl(new URL("../..", import.meta.url).href);
const CLI = fromFileUrl(new URL("../../cli.ts", import.meta.url).href);
const CACHED_REPEATS = 3;

/** Seconds of wall time for `deno <args>` run from the repository root. */
async function wallSeconds(args: string[]): Promise<number> {
  return await timeDeno(args, ROOT) / 1000;
}

export async function bench(): Promise<BenchResult[]> {
  const state = await Deno.makeTempDir({ prefix: "finfusion-bench-state-" });
  const out = await Deno.makeTempDir({ prefix: "finfusion-bench-out-" });
  const run = [
    "run",
    "-A",
    CLI,
    "pipeline",
    "weekly-tft",
    "--state",
    state,
    "--out",
    out,
    "--plain",
  ];
  try {
    const cold = await wallSeconds(run);
    const cached: number[] = [];
    for (let i = 0; i < CACHED_REPEATS; i++) cached.push(await wallSeconds(run));
    const cpus = navigator.hardwareConcurrency;
    return [
      {
        name: "weekly-tft cold run (empty store)",
        value: cold,
        unit: "s",
        target: 600,
        notes: `${cpus} CPUs, default --jobs`,
      },
      {
        name: "weekly-tft fully cached run (wall, Deno start included)",
        value: median(cached),
        unit: "s",
        target: 2,
        notes: `median of ${CACHED_REPEATS}`,
      },
    ];
  } finally {
    await Deno.remove(state, { recursive: true });
    await Deno.remove(out, { recursive: true });
  }
}
