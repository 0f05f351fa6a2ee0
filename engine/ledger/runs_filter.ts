/** Filters for `runs`: pipeline, date range, parameter values, metric thresholds, status. */
import { canonicalJson } from "../keys/canonical.ts";
import { UserError } from "../declare/errors.ts";
import type { LedgerEntry, LedgerNode } from "./ledger.ts";
import { parseOverride } from "../declare/overrides.ts";

export interface ParamFilter {
  node: string;
  path: string[];
  value: unknown;
}

export interface MetricFilter {
  name: string;
  op: "<" | "<=" | ">" | ">=" | "=" | "!=";
  value: number;
}

export interface RunFilter {
  /** A pipeline name, or a study (`fusion` matches `fusion/pretrain` and `fusion/tune`). */
  pipeline?: string;
  since?: Date;
  until?: Date;
  status?: string;
  params?: ParamFilter[];
  metrics?: MetricFilter[];
}

export function parseParamFilter(text: string): ParamFilter {
  const parsed = parseOverride(text);
  return { node: parsed.target, path: parsed.path, value: parsed.value };
}

export function parseMetricFilter(text: string): MetricFilter {
  const match = text.match(/^\s*([^<>=!\s]+)\s*(<=|>=|!=|<|>|=)\s*(\S+)\s*$/);
  const value = match ? Number(match[3]) : NaN;
  if (!match || !Number.isFinite(value)) {
    throw new UserError(`--metric ${text}: expected NAME OP NUMBER, e.g. --metric 'mae<0.5'`);
  }
  return { name: match[1], op: match[2] as MetricFilter["op"], value };
}

export function parseDate(text: string, flag: string): Date {
  const date = new Date(text);
  if (Number.isNaN(date.getTime())) {
    throw new UserError(`${flag} ${text}: expected a date such as 2025-01-31 or 2025-01-31T12:00`);
  }
  return date;
}

/** `name` is the pipeline itself or one nested under it (`study` → `study/phase`). */
function inPipeline(name: string, wanted: string): boolean {
  const prefix = wanted.endsWith("/") ? wanted : `${wanted}/`;
  return name === wanted || name.startsWith(prefix);
}

export function matchesRun(entry: LedgerEntry, filter: RunFilter): boolean {
  if (filter.pipeline && !inPipeline(entry.pipeline, filter.pipeline)) return false;
  if (filter.status && entry.status !== filter.status) return false;
  const started = new Date(entry.startedAt);
  if (filter.since && started < filter.since) return false;
  if (filter.until && started > filter.until) return false;
  for (const param of filter.params ?? []) {
    if (!entry.nodes.some((node) => matchesParam(node, param))) return false;
  }
  for (const metric of filter.metrics ?? []) {
    if (!entry.nodes.some((node) => matchesMetric(node, metric))) return false;
  }
  return true;
}

function matchesParam(node: LedgerNode, filter: ParamFilter): boolean {
  if (node.id !== filter.node && node.group !== filter.node) return false;
  // As with --set, `fit.model.tft.epochs` reads `model.epochs` of the fits labelled "tft".
  const [head, label, ...inner] = filter.path;
  const path = node.coords[head] === label ? [head, ...inner] : filter.path;
  let value: unknown = node.params;
  for (const segment of path) {
    if (typeof value !== "object" || value === null) return false;
    value = (value as Record<string, unknown>)[segment];
  }
  return value !== undefined && canonicalJson(value) === canonicalJson(filter.value);
}

function matchesMetric(node: LedgerNode, filter: MetricFilter): boolean {
  return Object.entries(node.metrics).some(([name, value]) => {
    if (name !== filter.name && `${node.id}/${name}` !== filter.name) return false;
    switch (filter.op) {
      case "<":
        return value < filter.value;
      case "<=":
        return value <= filter.value;
      case ">":
        return value > filter.value;
      case ">=":
        return value >= filter.value;
      case "=":
        return value === filter.value;
      case "!=":
        return value !== filter.value;
    }
  });
}
