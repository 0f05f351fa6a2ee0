/**
 * Runs one task, inline or in a Deno Worker (`worker: true`), and returns its encoded
 * output. A Worker runs one node at a time and clears what a node left in tfjs before the
 * next (`worker_entry.ts`); a run keeps its Workers between nodes (`worker_pool.ts`), a
 * lone call gets a fresh one. With a time limit, a node still running when it expires
 * fails: its Worker is terminated; an inline task cannot be stopped, so the run stops
 * waiting for it (and aborts `ctx.signal`).
 */
import { encodeArtifact } from "../store/codec.ts";
import { decodeInputs } from "./input_loader.ts";
import { type FailureDetail, failureDetail, storageFailure } from "./failure.ts";
import type { AnyTask, ProgressUpdate } from "../task.ts";
import { taskContext } from "./task_context.ts";
import type { ContextData, EncodedInput, RunRequest, WorkerMessage } from "./worker_protocol.ts";
import { taskWorker, type WorkerPool } from "./worker_pool.ts";

export interface NodeRunRequest {
  task: AnyTask;
  inputs: Record<string, EncodedInput>;
  params: unknown;
  context: ContextData;
  signal: AbortSignal;
  /** Fail the node when it has not finished after this long; null: no limit. */
  timeoutMs?: number | null;
  onProgress(update: ProgressUpdate): void;
  onWarn(message: string): void;
  onMetric(name: string, value: number): void;
  /** Where a Worker task takes its Worker and gives it back; absent: a fresh Worker per node. */
  workers?: WorkerPool;
}

/**
 * Thrown for a task failure; carries the task's own stack when there is one, and whether
 * the error was unexpected (a bug: the CLI prints that stack).
 */
export class TaskFailure extends Error {
  constructor(
    message: string,
    readonly taskStack: string | null = null,
    readonly unexpected = false,
  ) {
    super(message);
    this.name = "TaskFailure";
  }

  static from(detail: FailureDetail): TaskFailure {
    return new TaskFailure(detail.message, detail.stack, detail.unexpected);
  }

  get detail(): FailureDetail {
    return { message: this.message, stack: this.taskStack, unexpected: this.unexpected };
  }
}

export function runNode(request: NodeRunRequest): Promise<Uint8Array> {
  if (!request.timeoutMs) return request.task.worker ? runInWorker(request) : runInline(request);
  const seconds = Number((request.timeoutMs / 1000).toPrecision(3));
  const timeout = AbortSignal.timeout(request.timeoutMs);
  const signal = AbortSignal.any([request.signal, timeout]);
  const running = request.task.worker
    ? runInWorker({ ...request, signal })
    : runInline({ ...request, signal });
  return running.catch((error) => {
    if (!timeout.aborted || request.signal.aborted) throw error;
    throw new TaskFailure(
      `node ${request.context.nodeId} did not finish within the ${seconds} s limit ` +
        `(--node-timeout ${seconds}) and was stopped; raise the limit if it is merely slow, ` +
        "or find where it hangs",
    );
  });
}

async function runInline(request: NodeRunRequest): Promise<Uint8Array> {
  const context = taskContext(request.task, request.context, {
    progress: request.onProgress,
    warn: (message) => request.onWarn(String(message)),
    metric: request.onMetric,
    signal: request.signal,
  });
  let output: unknown;
  let stopWaiting = () => {};
  // An inline task that ignores ctx.signal cannot be stopped; the run stops waiting for it.
  const aborted = new Promise<never>((_, reject) => {
    const onAbort = () => reject(new TaskFailure("interrupted"));
    if (request.signal.aborted) onAbort();
    request.signal.addEventListener("abort", onAbort);
    stopWaiting = () => request.signal.removeEventListener("abort", onAbort);
  });
  aborted.catch(() => {});
  try {
    output = await Promise.race([
      request.task.run(decodeInputs(request.inputs), request.params, context),
      aborted,
    ]);
  } catch (error) {
    if (error instanceof TaskFailure) throw error;
    throw TaskFailure.from(failureDetail(error));
  } finally {
    stopWaiting();
  }
  try {
    return encodeArtifact(output);
  } catch (error) {
    throw TaskFailure.from(storageFailure(error));
  }
}

function runInWorker(request: NodeRunRequest): Promise<Uint8Array> {
  const worker = request.workers?.take() ?? taskWorker();
  return new Promise<Uint8Array>((resolve, reject) => {
    const finish = (action: () => void, reusable = false) => {
      request.signal.removeEventListener("abort", abort);
      if (reusable && request.workers) request.workers.keep(worker, request.context.backend);
      else worker.terminate();
      action();
    };
    const abort = () => finish(() => reject(new TaskFailure("interrupted")));
    request.signal.addEventListener("abort", abort);
    worker.onmessage = (event: MessageEvent<WorkerMessage>) => {
      const message = event.data;
      if (message.type === "progress") request.onProgress(message.update);
      else if (message.type === "warn") request.onWarn(message.message);
      else if (message.type === "metric") request.onMetric(message.name, message.value);
      else if (message.type === "done") finish(() => resolve(message.bytes), true);
      else finish(() => reject(TaskFailure.from(message.failure)));
    };
    worker.onerror = (event) => {
      event.preventDefault();
      // An error that escaped the task's promise (e.g. thrown from a timer): a bug.
      finish(() => reject(new TaskFailure(`worker failed: ${event.message}`, null, true)));
    };
    const message: RunRequest = {
      module: request.task.module,
      name: request.task.name,
      inputs: request.inputs,
      params: request.params,
      context: request.context,
    };
    worker.postMessage(message);
  });
}
