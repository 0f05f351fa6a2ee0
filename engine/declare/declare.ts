/**
 * The declaration API of DAG files: `pipeline(meta, (p) => { ... })` records nodes through
 * `p.fetch / feature / split / train / evaluate / report(id, task, params, inputs)` or the
 * generic `p.node(id, { kind, task, params, inputs })`. Recording never throws: the loader
 * validates every declaration afterwards and reports all problems at once.
 */
import { z } from "zod";
import type { NodeKind, Task } from "../task.ts";
import { pipelineNameProblem } from "./pipeline_names.ts";
import { type InputRefs, type NodeRef, nodeRef } from "./refs.ts";
import type { Sweep } from "./sweep.ts";

const PIPELINE = Symbol.for("finfusion.pipeline");

export interface PipelineMeta {
  /**
   * Must equal the DAG file's name relative to `pipelines/`, e.g. "weekly-tft" for
   * `pipelines/weekly-tft.ts`, "fusion/pretrain" for `pipelines/fusion/pretrain.ts`.
   */
  name: string;
  /** Seed handed to every task as `ctx.seed` (part of every key); `--seed` overrides it. */
  seed?: number;
  /** One line for `deno task pipelines`. */
  description?: string;
}

/** What the loader accepts as `pipeline(meta, …)`'s meta (names end up in state paths). */
export const pipelineMetaSchema = z.strictObject({
  name: z.string({ error: "the pipeline needs a name (a string)" }).superRefine((name, ctx) => {
    const problem = pipelineNameProblem(name);
    if (problem) ctx.addIssue({ code: "custom", message: problem });
  }),
  seed: z.int({ error: "the seed must be an integer" }).optional(),
  description: z.string({ error: "the description must be a string" }).optional(),
}, {
  error: (issue) =>
    issue.code === "unrecognized_keys"
      ? `unknown field ${issue.keys.map((key) => `"${key}"`).join(", ")}; ` +
        "meta takes name, seed and description"
      : "meta must be an object: pipeline({ name, seed, description }, (p) => { ... })",
});

/** Parameters as written in a DAG file: partial (the task's schema fills defaults), sweepable. */
export type Loose<T> = T extends readonly unknown[] ? T
  : T extends Record<string, unknown> ? { [K in keyof T]?: Loose<T[K]> }
  : T;
export type ParamsInput<P> = { [K in keyof P]?: Loose<P[K]> | Sweep<Loose<P[K]>> };

/** One recorded declaration, unvalidated: the loader checks every field. */
export interface NodeDeclaration {
  index: number;
  id: unknown;
  kind: unknown;
  task: unknown;
  params: unknown;
  inputs: unknown;
}

export interface NodeSpec<P, I, O> {
  kind: NodeKind;
  task: Task<P, I, O>;
  params?: ParamsInput<P>;
  inputs?: InputRefs<I>;
}

type Declare = <P, I, O>(
  id: string,
  task: Task<P, I, O>,
  params?: ParamsInput<P>,
  inputs?: InputRefs<I>,
) => NodeRef<O>;

export interface PipelineBuilder {
  fetch: Declare;
  feature: Declare;
  split: Declare;
  train: Declare;
  evaluate: Declare;
  report: Declare;
  node<P, I, O>(id: string, spec: NodeSpec<P, I, O>): NodeRef<O>;
}

export interface PipelineDefinition {
  readonly [PIPELINE]: true;
  readonly meta: PipelineMeta;
  /**
   * Runs the DAG file's builder callback and returns what it declared. Throws when the
   * builder is async (returns a promise): nodes declared after an `await` would be lost.
   */
  declare(): NodeDeclaration[];
}

/** Declares a pipeline; the default export of a file in `pipelines/`. */
export function pipeline(
  meta: PipelineMeta,
  build: (p: PipelineBuilder) => void,
): PipelineDefinition {
  return {
    [PIPELINE]: true,
    meta,
    declare() {
      const declarations: NodeDeclaration[] = [];
      let open = true;
      const record = (id: unknown, spec: Omit<NodeDeclaration, "index" | "id">) => {
        if (!open) throw new Error(`node "${String(id)}" was declared after the builder returned`);
        declarations.push({ index: declarations.length, id, ...spec });
        return nodeRef<never>(String(id));
      };
      const byKind = (kind: NodeKind): Declare => (id, task, params, inputs) =>
        record(id, { kind, task, params: params ?? {}, inputs: inputs ?? {} });
      const returned: unknown = build({
        fetch: byKind("fetch"),
        feature: byKind("feature"),
        split: byKind("split"),
        train: byKind("train"),
        evaluate: byKind("evaluate"),
        report: byKind("report"),
        node: (id, spec) =>
          record(id, {
            kind: spec?.kind,
            task: spec?.task,
            params: spec?.params ?? {},
            inputs: spec?.inputs ?? {},
          }),
      });
      open = false;
      if (isThenable(returned)) {
        // Declarations after its first `await` fail: keep that rejection from going unhandled.
        returned.then(undefined, () => {});
        throw new Error(
          "the builder returned a promise: DAG files declare nodes synchronously; remove " +
            "`async` and any `await` from (p) => { ... } (load data inside tasks, not here)",
        );
      }
      return declarations;
    },
  };
}

function isThenable(value: unknown): value is PromiseLike<unknown> {
  return typeof value === "object" && value !== null &&
    typeof (value as { then?: unknown }).then === "function";
}

export function isPipelineDefinition(value: unknown): value is PipelineDefinition {
  return typeof value === "object" && value !== null && PIPELINE in value;
}
