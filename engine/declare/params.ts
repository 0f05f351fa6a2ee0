/**
 * Validates each expansion's parameters against its task's zod schema. The parsed value
 * (defaults filled in) is what the task receives and what the cache key hashes. Unknown
 * parameters are errors even when a schema forgot `.strict()`.
 */
import type { z } from "zod";
import type { DeclarationIssue } from "./errors.ts";
import type { AnyTask } from "../task.ts";

export function validateParams(
  node: string,
  task: AnyTask,
  params: Record<string, unknown>,
): { value: unknown; issues: DeclarationIssue[] } {
  const result = (task.params as z.ZodType).safeParse(params);
  if (!result.success) {
    const issues = result.error.issues.flatMap((issue): DeclarationIssue[] => {
      const base = ["params", ...issue.path.map(String)];
      if (issue.code === "unrecognized_keys") {
        return issue.keys.map((key) => ({
          node,
          field: [...base, key].join("."),
          message: unknownMessage(task),
        }));
      }
      return [{ node, field: base.join("."), message: issue.message }];
    });
    return { value: null, issues };
  }
  const shape = (task.params as { shape?: Record<string, unknown> }).shape;
  const unknown = shape
    ? Object.keys(params).filter((key) => params[key] !== undefined && !(key in shape))
    : [];
  if (unknown.length) {
    return {
      value: null,
      issues: unknown.map((key) => ({
        node,
        field: `params.${key}`,
        message: unknownMessage(task),
      })),
    };
  }
  return { value: result.data, issues: [] };
}

function unknownMessage(task: AnyTask): string {
  const shape = (task.params as { shape?: Record<string, unknown> }).shape;
  const accepted = shape ? Object.keys(shape) : [];
  return `unknown parameter for task "${task.name}"` +
    (accepted.length ? ` (it accepts: ${accepted.join(", ")})` : " (it takes no such field)");
}
