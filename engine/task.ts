/**
 * A task is the typed function behind a pipeline node (Hamilton-style): its parameters are
 * validated by a zod schema, its inputs are the outputs of upstream nodes, and its module
 * (with every local module it imports) is hashed into the node's cache key.
 *
 * Define one per exported constant, with `module: import.meta.url`, so that Workers can
 * import the module and find the task by name:
 *
 * ```ts
 * export const weeklyBars = defineTask({
 *   name: "feature.weekly-bars",
 *   kind: "feature",
 *   module: import.meta.url,
 *   params: z.object({ weekEnd: z.enum(["friday"]).default("friday") }).strict(),
 *   run: ({ prices }: { prices: PriceSeries }, params, ctx) => toWeekly(prices, params),
 * });
 * ```
 *
 * A generic task that picks its implementation by parameter (the train task picks a model)
 * should not import every implementation statically, or editing one would invalidate the
 * nodes of all: it names the module a node runs with `implementation(params)` and loads it
 * with a dynamic `import()` of a non-literal specifier in `run`.
 *
 * Outputs must be encodable by the store: plain objects, arrays, strings, numbers
 * (NaN and ±Infinity included), booleans, null, and typed arrays (Float32Array,
 * Float64Array, Int32Array, Uint8Array). No class instances, Maps, Dates or functions.
 */
import type { z } from "zod";

/**
 * The kinds with a builder method (`p.fetch(id, task, params, inputs)` …). Kinds are open: a
 * task may declare any kind matching {@link NODE_KIND_PATTERN} (`ensemble`, `fusion`,
 * `pretrain`, `calibration`), declared with `p.node(id, { kind, task, params, inputs })`.
 * The engine treats every kind alike (keys, status, ledger, gc); a kind only has to match
 * between a node and its task. What makes a report is the task's {@link writesReport}, and
 * whose metrics head a run is {@link hasHeadlineMetrics}.
 */
export const NODE_KINDS = ["fetch", "feature", "split", "train", "evaluate", "report"] as const;
/** A lowercase name: a letter, then letters, digits and '-' (at most 40 characters). */
export const NODE_KIND_PATTERN = /^[a-z][a-z0-9-]{0,39}$/;
/** One of {@link NODE_KINDS} (suggested by editors) or any other name the pattern allows. */
export type NodeKind = typeof NODE_KINDS[number] | (string & Record<never, never>);

/** Progress of a long node, shown on a TTY (node, fold, epoch, ETA) or as log lines. */
export interface ProgressUpdate {
  message?: string;
  epoch?: number;
  epochs?: number;
  /** 0..1 when known; the engine derives an ETA from it. */
  fraction?: number;
}

export interface TaskContext {
  nodeId: string;
  /** Name of the pipeline the node belongs to; absent outside a pipeline run. */
  pipeline?: string;
  /** The node's cache key (hex); a report prints it so that `report <key>` re-renders it. */
  key?: string;
  /** Sweep coordinates of this expansion, e.g. { testYear: "2016", model: "tft" }. */
  coords: Record<string, string>;
  /** The pipeline's seed; only a task declared `seeded: true` may read it. */
  seed: number;
  /** Concrete compute backend ("wasm" | "wasm-fma" | "webgpu" | "cpu"), or "none" for tasks without one. */
  backend: string;
  /** Offline mirror folder (`--data DIR` or FINFUSION_DATA), if any. */
  dataDir: string | null;
  /** True when the run must not touch the network (`--offline`). */
  offline: boolean;
  progress(update: ProgressUpdate): void;
  /** A warning shown in the run output and recorded in the ledger (e.g. a data gap). */
  warn(message: string): void;
  /** A headline metric recorded in the ledger (e.g. "tft.da" → 0.59). */
  metric(name: string, value: number): void;
  signal: AbortSignal;
}

/** Gathered input: every expansion of a swept upstream node, in declaration order. */
export type Gathered<T> = Array<{ id: string; coords: Record<string, string>; value: T }>;

/** Each input of `run` as "required" or "optional" (optional exactly when its type allows undefined). */
export type InputNeeds<I> = {
  [K in keyof I]-?: undefined extends I[K] ? "optional" : "required";
};

export interface Task<P = unknown, I = Record<string, unknown>, O = unknown> {
  /** Unique across the project, e.g. "train.fit-model". */
  name: string;
  kind: NodeKind;
  /** `import.meta.url` of the module that exports this task. */
  module: string;
  params: z.ZodType<P>;
  /**
   * The inputs `run` reads, each "required" or "optional" (the loader cannot see the types
   * of `run`): a node that leaves out a required input or passes an unlisted one is a
   * declaration error naming the input, and nothing runs. Absent: inputs are not checked.
   */
  inputs?: NoInfer<InputNeeds<I>>;
  /**
   * The task returns {@link ReportFiles}, which the engine checks and writes into
   * `out/reports/<pipeline>/<key>/` (and `latest/`); `report <hash>` re-renders it. Default:
   * true for kind `report`, false otherwise, so the six builder kinds need not say it.
   */
  report?: boolean;
  /**
   * Its metrics (`ctx.metric`) are the run's headline metrics: the ledger line's `metrics`,
   * which `runs --metric` filters. Default: true for kinds `evaluate` and `report`, so that
   * per-fit metrics (`<label>.fit_seconds`) stay on their own ledger nodes.
   */
  headline?: boolean;
  /** Run in a Worker (tfjs training), so independent nodes train in parallel. */
  worker?: boolean;
  /**
   * Draws random numbers from `ctx.seed`: the seed becomes part of the cache key. A task
   * without it gets no seed in its key (`--seed 3` leaves it cached), and reading `ctx.seed`
   * fails with an error that says to declare it.
   */
  seeded?: boolean;
  /** Uses the compute backend: the concrete backend becomes part of the cache key. */
  usesBackend?: boolean;
  /**
   * Implementation modules this node runs for these (validated) parameters: absolute `file:`
   * URLs, typically `new URL("../models/tft/spec.ts", import.meta.url).href`. Each module's
   * closure (it and every local module it imports, plus npm versions) joins the task
   * module's in the node's key, so a generic task that loads its implementation with a
   * dynamic `import(url)` (one train task for every model kind) is keyed on the model a node
   * runs, not on every model it could run. Null or absent: the task module's closure alone.
   */
  implementation?(params: P): string | string[] | null;
  /**
   * Extra key material computed at plan time, cheap and deterministic: e.g. the content
   * hash of the mirror file a fetch node would read. Null when there is none.
   */
  fingerprint?(
    params: P,
    context: Pick<TaskContext, "dataDir" | "offline">,
  ): Promise<string | null>;
  run(inputs: I, params: P, context: TaskContext): Promise<O> | O;
}

/** A task of any parameter, input and output types, as the engine holds them. */
// deno-lint-ignore no-explicit-any
export type AnyTask = Task<any, any, any>;

/** Identity function that fixes the types; the engine validates the rest at load time. */
export function defineTask<P, I, O>(task: Task<P, I, O>): Task<P, I, O> {
  return task;
}

/** Whether a task's output is a report the engine writes out (see {@link Task.report}). */
export function writesReport(task: Pick<Task, "kind" | "report">): boolean {
  return task.report ?? task.kind === "report";
}

/** Whether a task's metrics are the run's headline metrics (see {@link Task.headline}). */
export function hasHeadlineMetrics(task: Pick<Task, "kind" | "headline">): boolean {
  return task.headline ?? (task.kind === "evaluate" || task.kind === "report");
}

/** What a report task returns: files the engine writes into the report folder. */
export interface ReportFiles {
  files: Record<string, string | Uint8Array>;
}
