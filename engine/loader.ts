/**
 * Loads a DAG file into a validated, expanded {@link PipelineGraph}: imports the module,
 * records its declarations, validates them (zod), applies `--set` overrides, expands
 * sweeps and checks each expansion's parameters against its task's schema. Any problem
 * raises one {@link PipelineDeclarationError} naming the file, the nodes and the fields.
 */
import { relative, resolve } from "node:path";
import { toFileUrl } from "./paths.ts";
import { isPipelineDefinition, type NodeDeclaration } from "./declare.ts";
import { type DeclarationIssue, PipelineDeclarationError, UserError } from "./errors.ts";
import { expandDeclarations } from "./expand.ts";
import type { GraphNode, PipelineGraph } from "./graph.ts";
import { applyToDeclared, applyToExpansion, type Override, parseOverride } from "./overrides.ts";
import { validateParams } from "./params.ts";
import { findTaskExport } from "./task_lookup.ts";
import { validateDeclarations } from "./validate.ts";

export interface LoadOptions {
  /** Project root holding `pipelines/`. */
  root: string;
  /** Pipeline name (`pipelines/<name>.ts`) or a path to a DAG file. */
  pipeline: string;
  /** `--set` assignments. */
  overrides?: string[];
  /** Overrides the pipeline's seed (`--seed`). */
  seed?: number;
}

/** Names of the DAG files in `<root>/pipelines/`. */
export function listPipelines(root: string): string[] {
  try {
    return [...Deno.readDirSync(resolve(root, "pipelines"))]
      .filter((entry) => entry.isFile && entry.name.endsWith(".ts"))
      .map((entry) => entry.name.slice(0, -3)).sort();
  } catch {
    return [];
  }
}

export function pipelineFile(root: string, pipeline: string): string {
  if (pipeline.endsWith(".ts")) return resolve(root, pipeline);
  const file = resolve(root, "pipelines", `${pipeline}.ts`);
  try {
    if (Deno.statSync(file).isFile) return file;
  } catch {
    // Reported below with the list of pipelines.
  }
  const available = listPipelines(root);
  throw new UserError(
    `unknown pipeline "${pipeline}": no file pipelines/${pipeline}.ts under ${root}. ` +
      (available.length ? `Available: ${available.join(", ")}.` : "There are no pipelines yet."),
  );
}

export async function loadPipeline(options: LoadOptions): Promise<PipelineGraph> {
  const path = pipelineFile(options.root, options.pipeline);
  const file = relative(options.root, path);
  const module = await import(toFileUrl(path));
  const expectedName = options.pipeline.endsWith(".ts")
    ? null
    : path.split("/").pop()!.replace(/\.ts$/, "");
  return await graphFromDefinition(module.default, {
    file,
    expectedName,
    overrides: options.overrides,
    seed: options.seed,
  });
}

export interface DefinitionOptions {
  /** The DAG file, as errors should name it. */
  file: string;
  /** The name the pipeline must declare (its file name), or null to accept any. */
  expectedName?: string | null;
  overrides?: string[];
  seed?: number;
}

/** Validates and expands a pipeline definition (the default export of a DAG file). */
export async function graphFromDefinition(
  definition: unknown,
  options: DefinitionOptions,
): Promise<PipelineGraph> {
  const { file } = options;
  if (!isPipelineDefinition(definition)) {
    throw new PipelineDeclarationError(file, [{
      node: null,
      field: null,
      message: "the default export must be pipeline({ name, seed }, (p) => { ... })",
    }]);
  }
  if (options.expectedName && definition.meta.name !== options.expectedName) {
    throw new PipelineDeclarationError(file, [{
      node: null,
      field: "name",
      message: `pipeline name "${definition.meta.name}" differs from its file name ` +
        `"${options.expectedName}"; make them equal`,
    }]);
  }
  let declarations: NodeDeclaration[];
  try {
    declarations = definition.declare();
  } catch (error) {
    throw new PipelineDeclarationError(file, [{
      node: null,
      field: null,
      message: `declaring the pipeline threw: ${error instanceof Error ? error.message : error}`,
    }]);
  }
  const overrides = (options.overrides ?? []).map(parseOverride);
  const nodes = await buildNodes(file, declarations, overrides);
  const groups = new Map<string, string[]>();
  for (const node of nodes) groups.set(node.group, [...groups.get(node.group) ?? [], node.id]);
  return {
    name: definition.meta.name,
    file,
    seed: options.seed ?? definition.meta.seed ?? 0,
    nodes,
    byId: new Map(nodes.map((node) => [node.id, node])),
    groups,
    overrides: overrides.map((override) => override.text),
  };
}

async function buildNodes(
  file: string,
  declarations: NodeDeclaration[],
  overrides: Override[],
): Promise<GraphNode[]> {
  const fail = (issues: DeclarationIssue[]) => {
    if (issues.length) throw new PipelineDeclarationError(file, issues);
  };
  const checked = validateDeclarations(declarations);
  fail(checked.issues);
  const groupIds = new Set(checked.valid.map((declaration) => declaration.id));
  const issues: DeclarationIssue[] = [];
  const expansionOverrides: Override[] = [];
  for (const override of overrides) {
    if (!groupIds.has(override.target)) {
      expansionOverrides.push(override);
      continue;
    }
    const declaration = checked.valid.find((candidate) => candidate.id === override.target)!;
    const applied = applyToDeclared(declaration.params, override);
    declaration.params = applied.params;
    if (applied.issue) issues.push(overrideIssue(override, applied.issue));
  }
  fail(issues);
  const expanded = expandDeclarations(checked.valid);
  fail(expanded.issues);
  const byId = new Map(expanded.expansions.map((expansion) => [expansion.id, expansion]));
  for (const override of expansionOverrides) {
    const expansion = byId.get(override.target);
    if (!expansion) {
      issues.push(overrideIssue(
        override,
        `no node "${override.target}" (groups: ${[...groupIds].join(", ")}; ` +
          `expansions look like ${expanded.expansions.find((e) => e.id.includes("["))?.id ?? "—"})`,
      ));
      continue;
    }
    const applied = applyToExpansion(expansion.params, expansion.coords, override);
    expansion.params = applied.params;
    if (applied.issue) issues.push(overrideIssue(override, applied.issue));
  }
  fail(issues);
  const nodes: GraphNode[] = [];
  for (const expansion of expanded.expansions) {
    const task = expansion.declaration.task;
    const params = validateParams(expansion.id, task, expansion.params);
    issues.push(...params.issues.map((issue) => blameOverride(issue, expansion, overrides)));
    nodes.push({
      id: expansion.id,
      group: expansion.group,
      kind: expansion.declaration.kind,
      task,
      coords: expansion.coords,
      params: params.value,
      inputs: expansion.inputs,
      upstream: [
        ...new Set(
          Object.values(expansion.inputs).flatMap((input) =>
            input.kind === "one" ? [input.node] : input.nodes
          ),
        ),
      ],
    });
  }
  for (const task of new Set(nodes.map((node) => node.task))) {
    const exported = await findTaskExport(task.module, task.name).catch(() => null);
    if (exported !== task) {
      const node = nodes.find((candidate) => candidate.task === task)!;
      issues.push({
        node: node.group,
        field: "task",
        message: `task "${task.name}" is not exported from ${task.module}; export it as a ` +
          "top-level constant so Workers and `report <hash>` can find it by name",
      });
    }
  }
  fail(issues);
  return nodes;
}

/** Appends "(from --set …)" to a parameter issue that an override caused. */
function blameOverride(
  issue: DeclarationIssue,
  expansion: { id: string; group: string },
  overrides: Override[],
): DeclarationIssue {
  const culprit = overrides.find((override) => {
    if (override.target !== expansion.id && override.target !== expansion.group) return false;
    const field = `params.${override.path.join(".")}`;
    return issue.field !== null &&
      (issue.field === field || issue.field.startsWith(`${field}.`) ||
        field.startsWith(`${issue.field}.`));
  });
  return culprit ? { ...issue, message: `${issue.message} (from --set ${culprit.text})` } : issue;
}

function overrideIssue(override: Override, message: string): DeclarationIssue {
  return {
    node: override.target,
    field: `params.${override.path.join(".")}`,
    message: `${message} (from --set ${override.text})`,
  };
}
