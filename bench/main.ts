/**
 * `deno task bench [filter…]`: runs the benchmark modules below (or those whose path
 * contains a filter), prints a Markdown table and writes `out/bench/latest.json`.
 * To add benchmarks, export `bench(): Promise<BenchResult[]>` and list the module here.
 */
import { join, resolve } from "node:path";
import { writeFileAtomic } from "../engine/store/atomic.ts";
import { type BenchModule, type BenchResult, benchTable, meetsTarget } from "./result.ts";
import { gitState } from "../engine/ledger/run_info.ts";

export const BENCH_MODULES: string[] = [
  new URL("./engine/dag500.ts", import.meta.url).href,
  new URL("./engine/weekly_tft.ts", import.meta.url).href,
  new URL("./tft/tft.ts", import.meta.url).href,
  new URL("./transformer/transformer.ts", import.meta.url).href,
  new URL("./mixers/epoch.ts", import.meta.url).href,
  new URL("./mixers/latency.ts", import.meta.url).href,
];

async function main(filters: string[]): Promise<number> {
  const modules = BENCH_MODULES.filter((url) =>
    filters.length === 0 || filters.some((filter) => url.includes(filter))
  );
  if (modules.length === 0) {
    console.error(
      `no benchmark module matches ${filters.join(", ")}; modules:\n  ${
        BENCH_MODULES.join("\n  ")
      }`,
    );
    return 2;
  }
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
