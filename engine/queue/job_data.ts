/**
 * What travels through the queue. A job's id is the node's cache key; its data names the
 * task (module relative to the project root, export name), its parameters and context, its
 * key components (for the pointer the worker writes) and its inputs by output hash: the
 * bytes themselves are objects in the shared store, read and verified by the worker.
 */
import type { KeyComponents } from "../keys/key_record.ts";
import type { ProgressUpdate } from "../task.ts";
import type { ContextData } from "../run/worker_protocol.ts";

export type JobInput = string | Array<{ id: string; coords: Record<string, string>; hash: string }>;

export interface JobData {
  format: 1;
  nodeId: string;
  pipeline: string;
  /** The task's module: relative to the project root when inside it, else its URL. */
  module: string;
  name: string;
  params: unknown;
  /** The context without `dataDir` (each worker uses its own data folder). */
  context: Omit<ContextData, "dataDir">;
  components: KeyComponents;
  inputs: Record<string, JobInput>;
}

/** A completed job's return value. The output itself is the store's object `outputHash`. */
export interface JobResult {
  outputHash: string;
  size: number;
  ms: number;
  warnings: string[];
  metrics: Record<string, number>;
  /** Where it ran (`host:pid`), or "store" when the key's output was already stored. */
  worker: string;
}

/** Job progress: what the task reports, forwarded to the planner as it happens. */
export type JobProgress =
  | { type: "claimed"; worker: string; attempt: number }
  | { type: "progress"; update: ProgressUpdate }
  | { type: "warn"; message: string };

/** One line the job's subprocess prints on stdout. */
export type ChildMessage =
  | JobProgress
  | { type: "metric"; name: string; value: number }
  | { type: "error"; message: string; stack: string | null; unexpected: boolean };
