/**
 * The subprocess that runs one queued job's task: `deno run … job_child.ts <request> <out>`.
 * It reads the request (the engine's {@link RunRequest}, encoded with the artifact codec),
 * runs the task with the engine's node runner (inline or in a Worker, as a local run does),
 * writes the encoded output to `<out>` (through a temporary name, so a partial file is never
 * read) and exits 0. Progress, warnings, metrics and a failure travel to the worker as
 * `MESSAGE_PREFIX` + JSON lines on stdout; any other output of the task passes through. When
 * the worker process dies, this process's stdin closes and it exits too, so a killed
 * worker leaves no task running behind it.
 */
import { decodeArtifact } from "../store/codec.ts";
import { failureDetail } from "../run/failure.ts";
import { requireTaskExport } from "../declare/task_lookup.ts";
import { runNode, TaskFailure } from "../run/node_runner.ts";
import type { RunRequest } from "../run/worker_protocol.ts";
import type { ChildMessage } from "./job_data.ts";

export const MESSAGE_PREFIX = "\u001efinfusion-job ";

/** The exit code when the worker went away (stdin closed) before the task finished. */
export const ORPHANED = 70;

function say(message: ChildMessage): void {
  console.log(MESSAGE_PREFIX + JSON.stringify(message));
}

async function exitWhenOrphaned(): Promise<void> {
  for await (const _ of Deno.stdin.readable) {
    // The worker writes nothing; the stream ends when it exits.
  }
  Deno.exit(ORPHANED);
}

async function main([requestPath, outputPath]: string[]): Promise<number> {
  exitWhenOrphaned();
  const request = decodeArtifact(Deno.readFileSync(requestPath)) as RunRequest;
  try {
    const task = await requireTaskExport(request.module, request.name);
    const bytes = await runNode({
      task,
      inputs: request.inputs,
      params: request.params,
      context: request.context,
      signal: new AbortController().signal,
      onProgress: (update) => say({ type: "progress", update }),
      onWarn: (message) => say({ type: "warn", message }),
      onMetric: (name, value) => say({ type: "metric", name, value }),
    });
    Deno.writeFileSync(`${outputPath}.partial`, bytes);
    Deno.renameSync(`${outputPath}.partial`, outputPath);
    return 0;
  } catch (error) {
    const detail = error instanceof TaskFailure ? error.detail : failureDetail(error);
    say({ type: "error", ...detail });
    return 1;
  }
}

if (import.meta.main) Deno.exit(await main(Deno.args));
