/**
 * Why a node is stale, in the spirit of Dagster's stale causes: the differences between
 * the key components a node last materialized with and the ones it has now.
 */
import { canonicalJson } from "./canonical.ts";
import type { KeyComponents } from "./key_record.ts";
import type { StaticComponents } from "./keys.ts";
import { valueDiff } from "./value_diff.ts";

export type CauseKind =
  | "new"
  | "forced"
  | "missing"
  | "format"
  | "task"
  | "code"
  | "params"
  | "upstream"
  | "dependency"
  | "seed"
  | "backend"
  | "fingerprint";

export interface Cause {
  kind: CauseKind;
  detail: string;
  /** For "upstream": the upstream node ids whose output changed or will be recomputed. */
  nodes?: string[];
}

/** Causes from everything but the inputs. */
export function ownCauses(previous: KeyComponents, current: StaticComponents): Cause[] {
  const causes: Cause[] = [];
  if (previous.format !== current.format) {
    causes.push({ kind: "format", detail: `key format ${previous.format} → ${current.format}` });
  }
  if (previous.task !== current.task) {
    causes.push({ kind: "task", detail: `task ${previous.task} → ${current.task}` });
  }
  const params = valueDiff(previous.params, current.params);
  if (params.length) causes.push({ kind: "params", detail: summarize(params) });
  const code = recordDiff(previous.code, current.code);
  if (code.length) causes.push({ kind: "code", detail: summarize(code) });
  const npm = listDiff(previous.npm, current.npm);
  if (npm.length) causes.push({ kind: "dependency", detail: summarize(npm) });
  if (previous.seed !== current.seed) {
    const detail = current.seed === null
      ? "seed left the key (the task is not declared seeded; its output does not change)"
      : previous.seed === null
      ? `task now declared seeded (seed ${current.seed})`
      : `seed ${previous.seed} → ${current.seed}`;
    causes.push({ kind: "seed", detail });
  }
  if (previous.backend !== current.backend) {
    causes.push({ kind: "backend", detail: `backend ${previous.backend} → ${current.backend}` });
  }
  if (previous.fingerprint !== current.fingerprint) {
    causes.push({ kind: "fingerprint", detail: "source data fingerprint changed" });
  }
  return causes;
}

/** Upstream node ids whose output hash differs between two input components. */
export function changedInputs(
  previous: KeyComponents["inputs"],
  current: KeyComponents["inputs"],
  upstreamOf: (input: string) => string[],
): string[] {
  const changed = new Set<string>();
  for (const name of new Set([...Object.keys(previous), ...Object.keys(current)])) {
    const before = previous[name];
    const after = current[name];
    if (canonicalJson(before ?? null) === canonicalJson(after ?? null)) continue;
    if (Array.isArray(after) && Array.isArray(before)) {
      const old = new Map(before.map((item) => [item.id, item.hash]));
      const ids = after.filter((item) => old.get(item.id) !== item.hash).map((item) => item.id);
      for (const id of ids.length ? ids : upstreamOf(name)) changed.add(id);
    } else {
      for (const id of upstreamOf(name)) changed.add(id);
    }
  }
  return [...changed];
}

export function describeCauses(causes: Cause[]): string {
  return causes.map((cause) => {
    if (cause.kind === "upstream") return `upstream data: ${cause.detail}`;
    if (cause.kind === "dependency") return `dependency version: ${cause.detail}`;
    if (["new", "forced", "missing"].includes(cause.kind)) return cause.detail;
    return `${cause.kind}: ${cause.detail}`;
  }).join("; ");
}

function summarize(items: string[]): string {
  return items.length <= 3
    ? items.join(", ")
    : `${items.slice(0, 3).join(", ")} (+${items.length - 3} more)`;
}

function recordDiff(before: Record<string, string>, after: Record<string, string>): string[] {
  return [...new Set([...Object.keys(before), ...Object.keys(after)])].sort().flatMap((file) => {
    if (!(file in before)) return [`${file} imported`];
    if (!(file in after)) return [`${file} no longer imported`];
    return before[file] === after[file] ? [] : [`${file} changed`];
  });
}

function listDiff(before: string[], after: string[]): string[] {
  // A package may appear in several versions (commander@2 and @7): compare version sets.
  const byName = (ids: string[]) => {
    const names = new Map<string, string[]>();
    for (const id of ids) {
      const name = id.slice(0, id.lastIndexOf("@"));
      names.set(name, [...names.get(name) ?? [], id].sort());
    }
    return names;
  };
  const old = byName(before);
  const now = byName(after);
  const changes: string[] = [];
  for (const [name, ids] of now) {
    const previous = old.get(name);
    if (!previous) changes.push(`${ids.join(", ")} added`);
    else if (previous.join() !== ids.join()) {
      changes.push(`${previous.join(", ")} → ${ids.join(", ")}`);
    }
  }
  for (const [name, ids] of old) if (!now.has(name)) changes.push(`${ids.join(", ")} removed`);
  return changes;
}
