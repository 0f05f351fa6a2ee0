/**
 * What changed between two parameter values, as short readable lines that show the change
 * itself: a record is compared key by key (`model.lr 0.1 → 0.2`), a list by its elements
 * (`features − "vix"`, `features + "vix_change"`, `years [2] 2018 → 2019`, or
 * `features reordered`), and a long scalar by its first differing character with context
 * on both sides, never by a prefix that both values share.
 */
import { canonicalJson } from "./canonical.ts";

/** Longest rendering of one side of a change before it is cut around the difference. */
const MAX_SHOWN = 40;
/** Characters kept on each side of the first difference of a long value. */
const CONTEXT = 12;

/** One line per changed leaf, sorted by path; [] when the values are equal. */
export function valueDiff(before: unknown, after: unknown, path = ""): string[] {
  if (same(before, after)) return [];
  if (isRecord(before) && isRecord(after)) {
    return [...new Set([...Object.keys(before), ...Object.keys(after)])].sort().flatMap((key) =>
      valueDiff(before[key], after[key], path ? `${path}.${key}` : key)
    );
  }
  const name = path || "params";
  if (Array.isArray(before) && Array.isArray(after)) return listDiff(before, after, name);
  return [`${name} ${changeOf(show(before), show(after))}`];
}

function listDiff(before: unknown[], after: unknown[], path: string): string[] {
  // Same length and at most two positions differ: name the positions.
  if (before.length === after.length) {
    const positions = before.flatMap((item, index) => same(item, after[index]) ? [] : [index]);
    if (positions.length <= 2 && !isPermutation(before, after)) {
      return positions.flatMap((index) =>
        valueDiff(before[index], after[index], `${path}[${index}]`)
      );
    }
  }
  const removed = without(before, after);
  const added = without(after, before);
  if (removed.length === 0 && added.length === 0) return [`${path} reordered`];
  return [
    ...(removed.length ? [`${path} − ${elements(removed)}`] : []),
    ...(added.length ? [`${path} + ${elements(added)}`] : []),
  ];
}

/** The elements of `items` left after taking out one match per element of `other`. */
function without(items: unknown[], other: unknown[]): unknown[] {
  const pool = other.map((item) => canonicalJson(item ?? null));
  return items.filter((item) => {
    const index = pool.indexOf(canonicalJson(item ?? null));
    if (index === -1) return true;
    pool.splice(index, 1);
    return false;
  });
}

function isPermutation(a: unknown[], b: unknown[]): boolean {
  return without(a, b).length === 0 && without(b, a).length === 0;
}

function elements(items: unknown[]): string {
  const shown = items.slice(0, 3).map((item) => cut(show(item)));
  return items.length > 3 ? `${shown.join(", ")} (+${items.length - 3} more)` : shown.join(", ");
}

/** `a → b`, each side cut to the neighbourhood of the first character where they differ. */
function changeOf(a: string, b: string): string {
  if (a.length <= MAX_SHOWN && b.length <= MAX_SHOWN) return `${a} → ${b}`;
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let end = 0;
  while (
    end < a.length - start && end < b.length - start &&
    a[a.length - 1 - end] === b[b.length - 1 - end]
  ) end++;
  const from = Math.max(0, start - CONTEXT);
  const around = (text: string) => {
    const stop = Math.min(text.length, Math.max(text.length - end, start) + CONTEXT);
    return `${from > 0 ? "…" : ""}${text.slice(from, stop)}${stop < text.length ? "…" : ""}`;
  };
  return `${around(a)} → ${around(b)}`;
}

function cut(text: string): string {
  return text.length > MAX_SHOWN ? `${text.slice(0, MAX_SHOWN - 1)}…` : text;
}

function show(value: unknown): string {
  return value === undefined ? "(unset)" : canonicalJson(value);
}

function same(a: unknown, b: unknown): boolean {
  return canonicalJson(a ?? null) === canonicalJson(b ?? null);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
