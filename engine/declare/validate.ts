/**
 * Structural validation of recorded declarations (zod): node ids, kinds, task shape,
 * parameter and input containers, input references and cycles. Parameter values are
 * checked later, per expansion, against each task's own schema (see `params.ts`).
 */
import { z } from "zod";
import { type AnyTask, NODE_KIND_PATTERN, NODE_KINDS, type NodeKind } from "../task.ts";
import type { NodeDeclaration } from "./declare.ts";
import type { DeclarationIssue } from "./errors.ts";
import { isGatherRef, isNodeRef } from "./refs.ts";
import { inputNameIssues } from "./input_check.ts";

export type InputSpec =
  | { kind: "one"; id: string }
  | { kind: "gather"; id: string; axes: readonly string[] | null };

export interface ValidDeclaration {
  index: number;
  id: string;
  kind: NodeKind;
  task: AnyTask;
  params: Record<string, unknown>;
  inputs: Record<string, InputSpec>;
}

export const NODE_ID_PATTERN = /^[A-Za-z][A-Za-z0-9_-]*$/;

const isFunction = (value: unknown) => typeof value === "function";
const isZodSchema = (value: unknown) =>
  typeof value === "object" && value !== null &&
  typeof (value as { safeParse?: unknown }).safeParse === "function";
const isPlainObject = (value: unknown) =>
  typeof value === "object" && value !== null && !Array.isArray(value) &&
  [Object.prototype, null].includes(Object.getPrototypeOf(value));

const KIND_RULE = "a kind is a lowercase name (a letter, then letters, digits and '-'), " +
  `such as ${NODE_KINDS.join(", ")} or your own (ensemble, calibration, …)`;
const kindSchema = z.string({ error: `the node kind must be a string; ${KIND_RULE}` }).regex(
  NODE_KIND_PATTERN,
  { error: (issue) => `invalid node kind ${JSON.stringify(issue.input)}; ${KIND_RULE}` },
);

const taskSchema = z.looseObject({
  name: z.string().min(1, "a task needs a non-empty name"),
  kind: kindSchema,
  module: z.string().regex(/^(file|https?):/, "set module: import.meta.url"),
  params: z.custom(isZodSchema, "the task's params must be a zod schema"),
  run: z.custom(isFunction, "the task needs a run(inputs, params, ctx) function"),
  worker: z.boolean().optional(),
  seeded: z.boolean().optional(),
  usesBackend: z.boolean().optional(),
  report: z.boolean().optional(),
  headline: z.boolean().optional(),
  fingerprint: z.custom(isFunction, "fingerprint must be a function").optional(),
  implementation: z.custom(isFunction, "implementation must be a function").optional(),
  // "open": the task names its inputs by its params and checks them itself (input_check.ts).
  inputs: z.preprocess(
    (value) => value === "open" ? undefined : value,
    z.record(z.string(), z.enum(["required", "optional"]), {
      error: 'inputs must be "open" or map each input name to "required" or "optional"',
    }).optional(),
  ),
}, { error: "expected a task made with defineTask(...)" });

const inputSchema = z.custom(
  (value) => typeof value === "string" || isNodeRef(value) || isGatherRef(value),
  "an input is a node ref, ref.gather(...) or a node id string",
);

const declarationSchema = z.object({
  id: z.string({ error: "a node id must be a string" }).regex(
    NODE_ID_PATTERN,
    "a node id starts with a letter and uses only letters, digits, '_' and '-'",
  ),
  kind: kindSchema,
  task: taskSchema,
  params: z.custom(isPlainObject, "params must be a plain object"),
  inputs: z.custom(isPlainObject, "inputs must be a plain object").pipe(
    z.record(z.string(), inputSchema),
  ),
});

/** Validates declarations; returns them in a topological order, or the issues found. */
export function validateDeclarations(
  declarations: NodeDeclaration[],
): { valid: ValidDeclaration[]; issues: DeclarationIssue[] } {
  const issues: DeclarationIssue[] = [];
  const valid: ValidDeclaration[] = [];
  for (const declaration of declarations) {
    const node = typeof declaration.id === "string" && declaration.id
      ? declaration.id
      : `#${declaration.index + 1}`;
    const parsed = declarationSchema.safeParse(declaration);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        issues.push({ node, field: issue.path.join(".") || null, message: issue.message });
      }
      continue;
    }
    // The original object, not zod's copy: tasks are compared by identity.
    const task = declaration.task as AnyTask;
    if (task.kind !== parsed.data.kind) {
      issues.push({
        node,
        field: "kind",
        message: `a node of kind ${parsed.data.kind} cannot run task "${task.name}" of kind ` +
          `${task.kind}; declare it with the task's kind`,
      });
      continue;
    }
    const inputIssues = inputNameIssues(node, task, parsed.data.inputs);
    if (inputIssues.length) {
      issues.push(...inputIssues);
      continue;
    }
    valid.push({
      index: declaration.index,
      id: parsed.data.id,
      kind: parsed.data.kind,
      task,
      params: declaration.params as Record<string, unknown>,
      inputs: Object.fromEntries(
        Object.entries(parsed.data.inputs).map(([name, ref]) => [name, toInputSpec(ref)]),
      ),
    });
  }
  issues.push(...checkUniqueness(valid), ...checkReferences(valid, declarations));
  if (issues.length > 0) return { valid: [], issues };
  const { order, cycleIssues } = topologicalOrder(valid);
  return { valid: order, issues: cycleIssues };
}

function toInputSpec(ref: unknown): InputSpec {
  if (typeof ref === "string") return { kind: "one", id: ref };
  if (isGatherRef(ref)) return { kind: "gather", id: ref.id, axes: ref.axes };
  return { kind: "one", id: (ref as { id: string }).id };
}

function checkUniqueness(valid: ValidDeclaration[]): DeclarationIssue[] {
  const issues: DeclarationIssue[] = [];
  const ids = new Set<string>();
  const tasks = new Map<string, AnyTask>();
  for (const declaration of valid) {
    if (ids.has(declaration.id)) {
      issues.push({ node: declaration.id, field: "id", message: "this id is declared twice" });
    }
    ids.add(declaration.id);
    const other = tasks.get(declaration.task.name);
    if (other && other !== declaration.task) {
      issues.push({
        node: declaration.id,
        field: "task",
        message: `two different tasks are named "${declaration.task.name}"; task names must ` +
          "be unique (Workers find tasks by name)",
      });
    }
    tasks.set(declaration.task.name, declaration.task);
  }
  return issues;
}

function checkReferences(
  valid: ValidDeclaration[],
  declarations: NodeDeclaration[],
): DeclarationIssue[] {
  const known = new Set(declarations.map((declaration) => String(declaration.id)));
  const issues: DeclarationIssue[] = [];
  for (const declaration of valid) {
    for (const [name, input] of Object.entries(declaration.inputs)) {
      if (known.has(input.id)) continue;
      issues.push({
        node: declaration.id,
        field: `inputs.${name}`,
        message: `unknown node "${input.id}" (declared: ${[...known].join(", ")})`,
      });
    }
  }
  return issues;
}

/** Kahn's algorithm, ties broken by declaration order so runs list nodes as written. */
function topologicalOrder(
  valid: ValidDeclaration[],
): { order: ValidDeclaration[]; cycleIssues: DeclarationIssue[] } {
  const byId = new Map(valid.map((declaration) => [declaration.id, declaration]));
  const pending = new Map(valid.map((declaration) => [
    declaration.id,
    new Set(Object.values(declaration.inputs).map((input) => input.id)),
  ]));
  const order: ValidDeclaration[] = [];
  while (pending.size > 0) {
    const ready = valid.find((declaration) => pending.get(declaration.id)?.size === 0);
    if (!ready) break;
    order.push(ready);
    pending.delete(ready.id);
    for (const waiting of pending.values()) waiting.delete(ready.id);
  }
  if (pending.size === 0) return { order, cycleIssues: [] };
  const cycle = findCycle(pending);
  const first = byId.get(cycle[0])!;
  const field = Object.entries(first.inputs).find(([, input]) => input.id === cycle[1])?.[0];
  return {
    order: [],
    cycleIssues: [{
      node: cycle[0],
      field: field ? `inputs.${field}` : "inputs",
      message: `cyclic input: ${cycle.join(" → ")}`,
    }],
  };
}

function findCycle(pending: Map<string, Set<string>>): string[] {
  let current = [...pending.keys()][0];
  const path: string[] = [];
  while (!path.includes(current)) {
    path.push(current);
    current = [...pending.get(current)!].find((id) => pending.has(id))!;
  }
  return [...path.slice(path.indexOf(current)), current];
}
