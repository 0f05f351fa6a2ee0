/**
 * Checks a node's wired inputs against the names its task declares (`Task.inputs`): a
 * required input left out, or an input the task does not read, is a declaration issue.
 */
import type { DeclarationIssue } from "./errors.ts";
import type { AnyTask } from "../task.ts";

export function inputNameIssues(
  node: string,
  task: AnyTask,
  wired: Record<string, unknown>,
): DeclarationIssue[] {
  const needs = task.inputs as Record<string, "required" | "optional"> | "open" | undefined;
  if (!needs || needs === "open") return [];
  const accepted = Object.keys(needs);
  const issues: DeclarationIssue[] = [];
  for (const name of accepted) {
    if (needs[name] === "required" && !(name in wired)) {
      issues.push({
        node,
        field: `inputs.${name}`,
        message: `task "${task.name}" needs input "${name}"; pass it as { ${name}: <node> }`,
      });
    }
  }
  for (const name of Object.keys(wired)) {
    if (name in needs) continue;
    issues.push({
      node,
      field: `inputs.${name}`,
      message: `unknown input for task "${task.name}" (it takes: ${
        accepted.length ? accepted.join(", ") : "no inputs"
      })`,
    });
  }
  return issues;
}
