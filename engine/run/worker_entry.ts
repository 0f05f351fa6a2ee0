/**
 * Worker entry point: imports the task's module, finds the exported task by name, decodes
 * the inputs, runs it and posts back the encoded output (so the bytes the store hashes
 * are produced where the task ran). Progress, warnings and metrics are forwarded. A failure
 * travels back as a {@link FailureDetail}, worded as an inline run words it. A Worker kept
 * for another node (`worker_pool.ts`) clears tfjs before it runs that node.
 */
/// <reference lib="deno.worker" />
import { encodeArtifact } from "../store/codec.ts";
import { decodeInputs } from "./input_loader.ts";
import { failureDetail, storageFailure } from "./failure.ts";
import { requireTaskExport } from "../declare/task_lookup.ts";
import { taskContext } from "./task_context.ts";
import type { RunRequest, WorkerMessage } from "./worker_protocol.ts";

const post = (message: WorkerMessage, transfer: Transferable[] = []) =>
  self.postMessage(message, transfer);

let nodes = 0;

self.onmessage = async (event: MessageEvent<RunRequest>) => {
  const request = event.data;
  let output: unknown;
  try {
    if (nodes++ > 0) resetTfjs();
    const task = await requireTaskExport(request.module, request.name);
    const context = taskContext(task, request.context, {
      progress: (update) => post({ type: "progress", update }),
      warn: (message) => post({ type: "warn", message: String(message) }),
      metric: (name, value) => post({ type: "metric", name, value }),
      signal: new AbortController().signal,
    });
    output = await task.run(decodeInputs(request.inputs), request.params, context);
  } catch (error) {
    post({ type: "error", failure: failureDetail(error) });
    return;
  }
  let bytes: Uint8Array;
  try {
    bytes = encodeArtifact(output);
  } catch (error) {
    post({ type: "error", failure: storageFailure(error) });
    return;
  }
  post({ type: "done", bytes }, [bytes.buffer as ArrayBuffer]);
};

/**
 * Clears what an earlier node left in tfjs, when one loaded it: its variables are disposed,
 * and if tensors remain (a node that leaked some) tfjs is reset whole: every tensor freed,
 * the backend disposed (the node initialises its own) and the flags at their defaults. A
 * node that left none hands its backend on, with its wasm heap and compiled kernels: a reset
 * each time made the fits a few percent slower and left two heaps per Worker until a
 * garbage collection. tfjs-core keeps its engine on the global object (`_tfengine`, so that
 * copies of tfjs share one), which finds it without importing tfjs into a Worker that never
 * used it.
 */
function resetTfjs(): void {
  const engine = (globalThis as { _tfengine?: TfjsEngine })._tfengine;
  if (!engine) return;
  engine.disposeVariables();
  if (engine.state.numTensors > 0) engine.reset();
}

/** The part of tfjs-core's engine the reset uses. */
interface TfjsEngine {
  disposeVariables(): void;
  reset(): void;
  state: { numTensors: number };
}
