/**
 * From recorded declarations to graph nodes: structural validation, group-level `--set`
 * overrides, sweep expansion, expansion-level overrides, then each expansion's parameters
 * against its task's schema. Every problem becomes an issue naming the node and field.
 */
import { canonicalJson } from "../keys/canonical.ts";
import type { NodeDeclaration } from "./declare.ts";
import { type DeclarationIssue, PipelineDeclarationError } from "./errors.ts";
import { expandDeclarations } from "./expand.ts";
import type { GraphNode } from "./graph.ts";
import { applyToDeclared, applyToExpansion, type Override } from "./overrides.ts";
import { validateParams } from "./params.ts";
import { findTaskExport } from "./task_lookup.ts";
import { validateDeclarations } from "./validate.ts";

export async function buildNodes(
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
    const params = plainParams(validateParams(expansion.id, task, expansion.params), expansion.id);
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

/** Parameters go into cache keys as canonical JSON, so a schema must not output class instances. */
function plainParams(
  result: ReturnType<typeof validateParams>,
  node: string,
): ReturnType<typeof validateParams> {
  if (result.issues.length) return result;
  try {
    canonicalJson(result.value);
    return result;
  } catch (error) {
    return {
      value: null,
      issues: [{ node, field: "params", message: (error as Error).message }],
    };
  }
}

/** Appends "(from --set …)" to a parameter issue that an override caused. */
function blameOverride(
  issue: DeclarationIssue,
  expansion: { id: string; group: string; coords: Record<string, string> },
  overrides: Override[],
): DeclarationIssue {
  const culprit = overrides.find((override) => {
    if (override.target !== expansion.id && override.target !== expansion.group) return false;
    const [head, label, ...inner] = override.path;
    // `fit.model.tft.epochs` reached this expansion's params as `model.epochs`.
    const path = expansion.coords[head] === label ? [head, ...inner] : override.path;
    const field = `params.${path.join(".")}`;
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
