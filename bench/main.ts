/**
 * `deno task bench [filter…]`: runs the benchmark modules below (or those whose path
 * contains a filter), prints a Markdown table and writes `out/bench/latest.json`.
 * To add benchmarks, export `bench(): Promise<BenchResult[]>` and list the module here;
 * a module with `optIn` (why) runs only when a filter names it.
 */

import { join, resolve } from "node:path";
import { writeFileAtomic } from "../engine/store/atomic.ts";
import { type BenchModule, type BenchResult, benchTable, meetsTarget } from "./result.ts";
import { gitState } from "../engine/ledger/run_info.ts";
import { machineLine, thisMachine } from "./machine.ts";

export interface BenchEntry {
  url: string;
  /** Why it is left out of a run without filters (its length, say); null: always run. */
  optIn: string | null;
}

const entry = (path: string, optIn: string | null = null): BenchEntry => ({
  url: new URL(path, import.meta.url).href,
  optIn,
});

export const BENCH_MODULES: BenchEntry[] = [
  entry("./engine/dag500.ts"),
  entry("./engine/weekly_tft.ts"),
  entry("./engine/daily_tft.ts", "a cold daily-tft run takes ~7 minutes"),
  entry("./tft/tft.ts"),
  entry("./transformer/transformer.ts"),
  entry("./mixers/epoch.ts"),
  entry("./mixers/latency.ts"),
];

/** The modules a run with these filters runs: all but the opt-in ones without filters. */
export function selectModules(filters: string[]): BenchEntry[] {
  return BENCH_MODULES.filter(({ url, optIn }) =>
    filters.length === 0 ? optIn === null : filters.some((filter) => url.includes(filter))
  );
}

async function main(filters: string[]): Promise<number> {
  const modules = selectModules(filters).map(({ url }) => url);
  if (modules.length === 0) {
    console.error(
      `no benchmark module matches ${filters.join(", ")}; modules:\n  ${
        BENCH_MODULES.map(({ url }) => url).join("\n  ")
      }`,
    );
    return 2;
  }
  if (filters.length === 0) {
    for (const { url, optIn } of BENCH_MODULES.filter(({ optIn }) => optIn !== null)) {
      const name = url.split("/").slice(-2).join("/");
      console.error(`skipping ${name} (${optIn}): name it to run it, e.g. deno task bench ${name}`);
    }
  }
  const machine = await thisMachine();
  console.error(machineLine(machine));
  const results: Array<BenchResult & { module: string }> = [];
  const failed: string[] = [];
  for (const url of modules) {
    const name = url.split("/").slice(-2).join("/");
    console.error(`running ${name}…`);
    try {
      const module = await import(url) as BenchModule;
      for (const result of await module.bench()) results.push({ ...result, module: name });
    } catch (error) {
      console.error(`${name} failed: ${error instanceof Error ? error.stack : error}`);
      failed.push(name);
    }
  }
  console.log(benchTable(results));
  const out = resolve(Deno.cwd(), "out", "bench", "latest.json");
  writeFileAtomic(
    out,
    JSON.stringify(
      {
        date: new Date().toISOString(),
        git: await gitState(Deno.cwd()),
        deno: Deno.version.deno,
        cpus: navigator.hardwareConcurrency,
        machine,
        results,
        failed,
      },
      null,
      2,
    ),
  );
  console.error(`wrote ${join("out", "bench", "latest.json")}`);
  if (failed.length) console.error(`failed benchmark modules: ${failed.join(", ")}`);
  return failed.length || results.some((result) => meetsTarget(result) === false) ? 1 : 0;
}

if (import.meta.main) Deno.exit(await main(Deno.args));
