/**
 * What a worker does with one job: it refuses a job whose key names code that differs from
 * its checkout; if the store already holds the key's output (a verified
 * pointer and object), it returns that without computing; otherwise it reads the inputs
 * from the store (each verified by hash), runs the task in a subprocess, and publishes the
 * output: object first, then the key's pointer (only if the key has none yet). The job's
 * return value names the output by hash; the planner reads and verifies it from the store.
 */
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { UnrecoverableError } from "bullmq";
import type { Job } from "bullmq";
import { sha256Hex } from "../keys/hash.ts";
import type { RemoteStore } from "../store/remote/remote_store.ts";
import { encodePointer, pointerName } from "../store/remote/pointer.ts";
import type { EncodedInput } from "../run/worker_protocol.ts";
import type { JobData, JobInput, JobProgress, JobResult } from "./job_data.ts";
import { runInChild } from "./run_in_child.ts";
import { codeMismatches } from "./code_check.ts";

export interface WorkerSetup {
  remote: RemoteStore;
  root: string;
  stateDir: string;
  configFile: string;
  dataDir: string | null;
  /** `host:pid`, reported with each job it claims. */
  worker: string;
  log(message: string): void;
}

export async function processJob(job: Job<JobData, JobResult>, setup: WorkerSetup) {
  const data = job.data;
  const key = job.id!;
  if (data?.format !== 1) {
    throw new UnrecoverableError(`job ${key}: unknown payload format ${data?.format}`);
  }
  const report = (progress: JobProgress) => job.updateProgress(progress).catch(() => {});
  await report({ type: "claimed", worker: setup.worker, attempt: job.attemptsMade + 1 });
  const differs = codeMismatches(setup.root, data.components.code);
  if (differs.length) {
    throw new UnrecoverableError(
      `worker ${setup.worker} has other code than the planner for ${data.nodeId}: ` +
        `${differs.slice(0, 3).join(", ")}${differs.length > 3 ? ", …" : ""} (in ${setup.root}); ` +
        "check out the planner's commit on the worker and restart it",
    );
  }
  const problems: string[] = [];
  const stored = await storedOutput(setup.remote, key, problems);
  for (const problem of problems) setup.log(`${data.nodeId}: ${problem}`);
  if (stored) return stored;
  const inputs = await readInputs(setup.remote, data);
  const dir = join(setup.stateDir, "worker", `${key.slice(0, 16)}-${Deno.pid}-${Date.now()}`);
  Deno.mkdirSync(dir, { recursive: true });
  const startedAt = performance.now();
  try {
    const output = await runInChild({
      request: {
        module: moduleUrl(data.module, setup.root),
        name: data.name,
        inputs,
        params: data.params,
        context: { ...data.context, dataDir: setup.dataDir },
      },
      dir,
      root: setup.root,
      configFile: setup.configFile,
      onProgress: (update) => report({ type: "progress", update }),
      onWarn: (message) => report({ type: "warn", message }),
    });
    const ms = Math.round(performance.now() - startedAt);
    const outputHash = sha256Hex(output.bytes);
    await setup.remote.backend.put(setup.remote.objectName(outputHash), output.bytes);
    const entries = await setup.remote.entriesOf(key);
    if (!entries.pointers.length) {
      await setup.remote.backend.put(
        pointerName(key, outputHash),
        encodePointer({ key, outputHash, size: output.bytes.length, components: data.components }),
      );
    }
    return {
      outputHash,
      size: output.bytes.length,
      ms,
      warnings: output.warnings,
      metrics: output.metrics,
      worker: setup.worker,
    } satisfies JobResult;
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
}

/** The key's output when the store holds a valid pointer and an object that verifies. */
async function storedOutput(
  remote: RemoteStore,
  key: string,
  problems: string[],
): Promise<JobResult | null> {
  const entries = await remote.entriesOf(key);
  if (!entries.pointers.length) return null;
  const resolved = await remote.resolve(key, entries, problems);
  if (!resolved) return null;
  const bytes = await remote.readObject(resolved.pointer.outputHash, problems);
  if (!bytes) return null;
  return {
    outputHash: resolved.pointer.outputHash,
    size: bytes.length,
    ms: 0,
    warnings: resolved.meta?.warnings ?? [],
    metrics: resolved.meta?.metrics ?? {},
    worker: "store",
  };
}

/** The inputs' bytes, each verified against its hash; a bad one fails the job for good. */
async function readInputs(
  remote: RemoteStore,
  data: JobData,
): Promise<Record<string, EncodedInput>> {
  const read = async (hash: string): Promise<Uint8Array> => {
    const problems: string[] = [];
    const bytes = await remote.readObject(hash, problems);
    if (!bytes) {
      throw new UnrecoverableError(
        `input of ${data.nodeId} not usable: ${problems.join("; ")} (the planner uploads ` +
          "inputs before it enqueues; run the pipeline again)",
      );
    }
    return bytes;
  };
  const inputs: Record<string, EncodedInput> = {};
  for (const [name, input] of Object.entries(data.inputs) as Array<[string, JobInput]>) {
    inputs[name] = typeof input === "string" ? await read(input) : await Promise.all(
      input.map(async (item) => ({
        id: item.id,
        coords: item.coords,
        bytes: await read(item.hash),
      })),
    );
  }
  return inputs;
}

function moduleUrl(module: string, root: string): string {
  return /^[a-z]+:/.test(module) ? module : pathToFileURL(join(root, module)).href;
}
