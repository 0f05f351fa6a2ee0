/**
 * Runs one task in a `deno run` subprocess ({@link ./job_child.ts}) and collects what it
 * reports. A subprocess, not a Worker: TensorFlow.js blocks the event loop for whole
 * epochs, and the worker process must keep renewing its BullMQ lock meanwhile (a lock that
 * expires lets another worker take the job and run it twice). The child may read anything,
 * reach the network and run programs; it writes where the worker may ({@link writeFlag}).
 */
import { join } from "node:path";
import { encodeArtifact } from "../store/codec.ts";
import type { ProgressUpdate } from "../task.ts";
import type { RunRequest } from "../run/worker_protocol.ts";
import type { ChildMessage } from "./job_data.ts";
import { MESSAGE_PREFIX, ORPHANED } from "./job_child.ts";

const CHILD = new URL("./job_child.ts", import.meta.url).href;

export interface ChildRun {
  request: RunRequest;
  /** A fresh folder for this attempt's request and output (removed afterwards). */
  dir: string;
  root: string;
  configFile: string;
  onProgress(update: ProgressUpdate): void;
  onWarn(message: string): void;
}

export interface ChildOutput {
  bytes: Uint8Array;
  warnings: string[];
  metrics: Record<string, number>;
}

/** A task failure as the task reported it (the message a local run prints). */
export class ChildFailure extends Error {
  constructor(message: string, readonly taskStack: string | null, readonly unexpected: boolean) {
    super(message);
    this.name = "ChildFailure";
  }
}

export async function runInChild(run: ChildRun): Promise<ChildOutput> {
  const requestPath = join(run.dir, "request.cbor");
  const outputPath = join(run.dir, "output.cbor");
  Deno.writeFileSync(requestPath, encodeArtifact(run.request));
  const child = new Deno.Command(Deno.execPath(), {
    args: [
      "run",
      "--config",
      run.configFile,
      "--v8-flags=--max-old-space-size=8192",
      "--allow-read",
      "--allow-env",
      "--allow-sys",
      "--allow-net",
      "--allow-run",
      writeFlag(run),
      CHILD,
      requestPath,
      outputPath,
    ],
    cwd: run.root,
    stdin: "piped",
    stdout: "piped",
    stderr: "inherit",
  }).spawn();
  const warnings: string[] = [];
  const metrics: Record<string, number> = {};
  let failure: ChildFailure | null = null;
  const lines = child.stdout.pipeThrough(new TextDecoderStream()).pipeThrough(lineSplitter());
  for await (const line of lines) {
    if (!line.startsWith(MESSAGE_PREFIX)) {
      console.log(line);
      continue;
    }
    const message = JSON.parse(line.slice(MESSAGE_PREFIX.length)) as ChildMessage;
    if (message.type === "progress") run.onProgress(message.update);
    else if (message.type === "warn") {
      warnings.push(message.message);
      run.onWarn(message.message);
    } else if (message.type === "metric") metrics[message.name] = message.value;
    else if (message.type === "error") {
      failure = new ChildFailure(message.message, message.stack, message.unexpected);
    }
  }
  const status = await child.status;
  await child.stdin.close().catch(() => {});
  if (failure) throw failure;
  if (!status.success) {
    throw new ChildFailure(
      `the task's subprocess ended without a result (exit ${status.code}` +
        `${status.signal ? `, signal ${status.signal}` : ""}` +
        `${status.code === ORPHANED ? ", its worker went away" : ""})`,
      null,
      true,
    );
  }
  return { bytes: Deno.readFileSync(outputPath), warnings, metrics };
}

/**
 * The child writes where this worker may: anywhere if the worker may (e.g. run with -A),
 * else the project's state and report folders (those of a sandboxed pipeline run).
 */
function writeFlag(run: ChildRun): string {
  if (Deno.permissions.querySync({ name: "write" }).state === "granted") return "--allow-write";
  return `--allow-write=${join(run.root, ".finfusion")},${join(run.root, "out")},${run.dir}`;
}

function lineSplitter(): TransformStream<string, string> {
  let rest = "";
  return new TransformStream({
    transform(chunk, controller) {
      const parts = (rest + chunk).split("\n");
      rest = parts.pop()!;
      for (const part of parts) controller.enqueue(part);
    },
    flush(controller) {
      if (rest) controller.enqueue(rest);
    },
  });
}
