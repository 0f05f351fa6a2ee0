/**
 * What the job queue costs, measured through the real CLI on this machine with a real Redis
 * and s3rver on loopback and worker processes started here:
 *
 *   deno run -A bench/queue/cluster_bench.ts chain [nodes] [repeats]
 *     a chain of trivial nodes (each waits for the one before), cold, run locally and through
 *     the queue with 2 workers: the difference per node is the queue's overhead per node;
 *   deno run -A bench/queue/cluster_bench.ts weekly-tft
 *     one cold weekly-tft run locally (default --jobs) and one through 2 local workers, and
 *     whether both give the same keys and outputs.
 *
 * Prints one JSON object per measurement, with the load average when it started.
 */
import { join } from "node:path";
import { fromFileUrl } from "../../engine/store/paths.ts";
import { ENGINE_CONFIG } from "../../engine/ledger/run_info.ts";
import { timeDeno } from "../result.ts";
import { RedisServer } from "../../tests/helpers/redis_server.ts";
import { S3Server } from "../../tests/engine/remote/s3_server.ts";

const REPO = fromFileUrl(new URL("../..", import.meta.url).href);
const CLI = join(REPO, "cli.ts");

function loadAverage(): string {
  return Deno.readTextFileSync("/proc/loadavg").split(" ").slice(0, 3).join(" ");
}

function chainPipeline(root: string, nodes: number): void {
  const tasks = new URL("../engine/dag_tasks.ts", import.meta.url).href;
  const engine = new URL("../../engine/mod.ts", import.meta.url).href;
  const lines = [
    `import { pipeline } from "${engine}";`,
    `import { benchCombine, benchSource } from "${tasks}";`,
    `export default pipeline({ name: "chain", seed: 1 }, (p) => {`,
    `  let last = p.fetch("n0", benchSource, { n: 64 });`,
    ...Array.from(
      { length: nodes - 1 },
      (_, i) => `  last = p.feature("n${i + 1}", benchCombine, { weight: 1 }, { in0: last });`,
    ),
    `});`,
  ];
  Deno.mkdirSync(join(root, "pipelines"), { recursive: true });
  Deno.writeTextFileSync(join(root, "pipelines", "chain.ts"), lines.join("\n"));
}

/** Starts `count` worker processes on a store prefix; resolves once each takes jobs. */
async function startWorkers(
  count: number,
  root: string,
  args: string[],
): Promise<Deno.ChildProcess[]> {
  const workers: Deno.ChildProcess[] = [];
  for (let i = 0; i < count; i++) {
    const state = await Deno.makeTempDir({ prefix: "finfusion-bench-worker-" });
    const child = new Deno.Command(Deno.execPath(), {
      args: [
        "run",
        "-A",
        "--config",
        ENGINE_CONFIG,
        CLI,
        "worker",
        ...args,
        "--root",
        root,
        "--state",
        state,
      ],
      stdout: "null",
      stderr: "piped",
    }).spawn();
    const reader = child.stderr.pipeThrough(new TextDecoderStream()).getReader();
    let log = "";
    while (!log.includes(" on queue ")) {
      const { value, done } = await reader.read();
      if (done) throw new Error(`worker exited:\n${log}`);
      log += value;
    }
    // Keep draining its log so it never blocks on a full pipe.
    (async () => {
      while (!(await reader.read()).done) { /* drain */ }
    })();
    workers.push(child);
  }
  return workers;
}

async function stop(workers: Deno.ChildProcess[]): Promise<void> {
  for (const worker of workers) worker.kill("SIGTERM");
  await Promise.all(workers.map((worker) => worker.status));
}

function ledgerOutputs(state: string): Record<string, [string, string]> {
  const lines = Deno.readTextFileSync(join(state, "ledger.jsonl")).trim().split("\n");
  const entry = JSON.parse(lines[lines.length - 1]);
  return Object.fromEntries(
    entry.nodes.map((node: { id: string; key: string; outputHash: string }) => [
      node.id,
      [node.key, node.outputHash],
    ]),
  );
}

async function chain(nodes: number, repeats: number, redis: RedisServer, s3: S3Server) {
  const root = await Deno.makeTempDir({ prefix: "finfusion-bench-chain-" });
  chainPipeline(root, nodes);
  const base = ["run", "-A", "--config", ENGINE_CONFIG, CLI, "pipeline", "chain", "--plain"];
  for (let i = 0; i < repeats; i++) {
    const load = loadAverage();
    const local = await timeDeno([...base, "--root", root, "--state", join(root, `local${i}`)]);
    // A fresh prefix: a fresh queue and an empty store, so the queued run is cold too.
    const store = ["--queue", redis.url, "--store", s3.url(`chain${i}`)];
    const workers = await startWorkers(2, root, store);
    try {
      const queued = await timeDeno(
        [...base, ...store, "--root", root, "--state", join(root, `queued${i}`)],
      );
      console.log(JSON.stringify({
        measure: "chain",
        nodes,
        localMs: Math.round(local),
        queuedMs: Math.round(queued),
        overheadPerNodeMs: Math.round((queued - local) / nodes),
        load,
      }));
    } finally {
      await stop(workers);
    }
  }
}

async function weeklyTft(redis: RedisServer, s3: S3Server) {
  const tmp = await Deno.makeTempDir({ prefix: "finfusion-bench-weekly-" });
  const base = ["run", "-A", CLI, "pipeline", "weekly-tft", "--plain"];
  const local = join(tmp, "local");
  let load = loadAverage();
  const localMs = await timeDeno([...base, "--state", local, "--out", join(tmp, "out1")], REPO);
  console.log(JSON.stringify({ measure: "weekly-tft local", ms: Math.round(localMs), load }));
  const store = ["--queue", redis.url, "--store", s3.url("weekly")];
  const workers = await startWorkers(2, REPO, store);
  try {
    const queued = join(tmp, "queued");
    load = loadAverage();
    const queuedMs = await timeDeno(
      [...base, ...store, "--state", queued, "--out", join(tmp, "out2")],
      REPO,
    );
    const same = JSON.stringify(ledgerOutputs(local)) === JSON.stringify(ledgerOutputs(queued));
    console.log(JSON.stringify({
      measure: "weekly-tft on 2 local workers",
      ms: Math.round(queuedMs),
      load,
      sameKeysAndOutputs: same,
    }));
  } finally {
    await stop(workers);
    await Deno.remove(tmp, { recursive: true });
  }
}

if (import.meta.main) {
  const [mode, first, second] = Deno.args;
  await using redis = await RedisServer.start();
  await using s3 = await S3Server.start();
  // The CLI runs and workers started below inherit the endpoint and credentials.
  for (const [name, value] of Object.entries(s3.env)) Deno.env.set(name, value);
  if (mode === "chain") await chain(Number(first ?? 20), Number(second ?? 3), redis, s3);
  else if (mode === "weekly-tft") await weeklyTft(redis, s3);
  else {
    console.error("usage: cluster_bench.ts chain [nodes] [repeats] | weekly-tft");
    Deno.exit(2);
  }
}
