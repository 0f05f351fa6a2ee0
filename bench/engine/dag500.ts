/**
 * Engine overhead on a generated 500-node DAG: a cold run, a fully cached run through the
 * real CLI (wall time, and wall time beyond Deno's own start), and planning in process.
 */
import { fromFileUrl } from "../../engine/store/paths.ts";
import { type BenchResult, median, timeDeno } from "../result.ts";
import { MemorySink } from "../../engine/run/events.ts";
import { openProject } from "../../engine/store/project.ts";
import { runPipeline } from "../../engine/run/run.ts";
import { ENGINE_CONFIG } from "../../engine/ledger/run_info.ts";
import { pipelineStatus } from "../../engine/run/status.ts";
import { GENERATED_NODES, writeGeneratedPipeline } from "./dag_generator.ts";

const CLI = fromFileUrl(new URL("../../cli.ts", import.meta.url).href);
const REPEATS = 5;

export async function bench(): Promise<BenchResult[]> {
  const root = await Deno.makeTempDir({ prefix: "finfusion-bench-" });
  try {
    writeGeneratedPipeline(root);
    const run = ["run", "-A", "--config", ENGINE_CONFIG, CLI, "pipeline", "gen500", "--root", root];
    const cold = await timeDeno(run);
    const empty = `${root}/empty.ts`;
    Deno.writeTextFileSync(empty, "");
    const start: number[] = [];
    const cached: number[] = [];
    for (let i = 0; i < REPEATS; i++) {
      start.push(await timeDeno(["run", "-A", "--config", ENGINE_CONFIG, empty]));
      cached.push(await timeDeno(run));
    }
    const project = openProject({ root });
    const planned: number[] = [];
    for (let i = 0; i < REPEATS; i++) {
      const started = performance.now();
      const { plan } = await pipelineStatus(project, { pipeline: "gen500" });
      planned.push(performance.now() - started);
      if (plan.nodes.length !== GENERATED_NODES || plan.nodes.some((n) => n.status !== "fresh")) {
        throw new Error("the generated DAG should be fully cached");
      }
    }
    const sink = new MemorySink();
    const inProcessStart = performance.now();
    const summary = await runPipeline(project, { pipeline: "gen500", sink });
    const inProcess = performance.now() - inProcessStart;
    if (summary.entry.hits !== GENERATED_NODES) throw new Error("expected a fully cached run");
    const startMs = median(start);
    const cachedMs = median(cached);
    return [
      {
        name: "500-node DAG: plan + fully cached run, beyond Deno start",
        value: Math.round(cachedMs - startMs),
        unit: "ms",
        target: 1000,
        notes: `CLI wall ${Math.round(cachedMs)} ms minus \`deno run\` of an empty module ` +
          `${Math.round(startMs)} ms (medians of ${REPEATS})`,
      },
      {
        name: "500-node DAG: fully cached run in process (plan, verify, ledger)",
        value: Math.round(inProcess),
        unit: "ms",
      },
      {
        name: "500-node DAG: plan only, in process",
        value: Math.round(median(planned)),
        unit: "ms",
      },
      {
        name: "500-node DAG: cold run (all 500 nodes compute)",
        value: Math.round(cold),
        unit: "ms",
        notes: "CLI wall time, tiny tasks: engine overhead per computed node",
      },
    ];
  } finally {
    await Deno.remove(root, { recursive: true });
  }
}
