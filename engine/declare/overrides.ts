/**
 * `--set node.param.path=value` overrides (like `dvc exp run -S`). The value is parsed as
 * JSON, else taken as a string. `node` is a group id (every expansion) or an expansion id
 * such as `fit[testYear=2016,model=tft]`. On a swept parameter of a group, a JSON array
 * replaces the sweep's values (for a labelled sweep, an array of existing labels selects
 * them) and a single value narrows the sweep to that value, keeping node ids stable. A path
 * through a label of a labelled sweep (`fit.model.tft.training.epochs=3`) edits that entry
 * only; any other path below a swept parameter edits every entry.
 * Objects given on the command line are labelled "set" (or "set1", "set2", …).
 */
import type { DeclarationIssue } from "./errors.ts";
import { isSweep, makeSweep, type Sweep, type SweepEntry } from "./sweep.ts";
import { UserError } from "./errors.ts";

export interface Override {
  text: string;
  target: string;
  path: string[];
  value: unknown;
}

/** Parses one `--set` assignment; throws a UserError explaining the expected form. */
export function parseOverride(text: string): Override {
  let depth = 0;
  let end = -1;
  for (let i = 0; i < text.length && end < 0; i++) {
    if (text[i] === "[") depth++;
    else if (text[i] === "]") depth--;
    else if (text[i] === "." && depth === 0) end = i;
  }
  const equals = text.indexOf("=", end);
  if (end <= 0 || equals < 0 || equals === end + 1) {
    throw new UserError(
      `--set ${text}: expected node.param=value (e.g. --set fit.epochs=5 or ` +
        `--set 'fold.testYear=[2016,2017]')`,
    );
  }
  const raw = text.slice(equals + 1);
  let value: unknown = raw;
  try {
    value = JSON.parse(raw);
  } catch {
    // Not JSON: the value is the string itself.
  }
  const path = text.slice(end + 1, equals).split(".");
  if (path.some((segment) => segment === "")) {
    throw new UserError(`--set ${text}: the parameter path has an empty segment`);
  }
  return { text, target: text.slice(0, end), path, value };
}

/** Applies group-level overrides to declared params (returns new objects). */
export function applyToDeclared(
  params: Record<string, unknown>,
  override: Override,
): { params: Record<string, unknown>; issue: string | null } {
  const [head, ...rest] = override.path;
  const current = params[head];
  if (!isSweep(current)) {
    return { params: setPath(params, override.path, override.value), issue: null };
  }
  if (rest.length > 0) {
    // `fit.model.tft.epochs=3` on sweep({ tft: …, lstm: … }) edits the "tft" entry only.
    const [label, ...inner] = rest;
    const labelled = current.form === "record" &&
      current.entries.some((entry) => entry.label === label);
    const edit = (value: unknown, path: string[]) =>
      path.length ? setPath(value, path, override.value) : override.value;
    const entries = current.entries.map((entry) => ({
      label: entry.label,
      value: !labelled
        ? edit(entry.value, rest)
        : entry.label === label
        ? edit(entry.value, inner)
        : entry.value,
    }));
    return { params: { ...params, [head]: makeSweep(current.form, entries) }, issue: null };
  }
  const replaced = replaceSweep(current, override.value);
  return { params: { ...params, [head]: replaced }, issue: replaced.problem };
}

function replaceSweep(current: Sweep, value: unknown): Sweep {
  const values = Array.isArray(value) ? value : [value];
  const byLabel = new Map(current.entries.map((entry) => [entry.label, entry]));
  const selectsLabels = current.form === "record" &&
    values.every((item) => typeof item === "string" && byLabel.has(item));
  if (selectsLabels) {
    return makeSweep("record", values.map((label) => byLabel.get(label as string)!));
  }
  // Objects from the command line have no label of their own: "set", or "set1", "set2"…
  const entries: SweepEntry<unknown>[] = values.map((item, index) => ({
    label: ["string", "number", "boolean"].includes(typeof item)
      ? String(item)
      : values.length === 1
      ? "set"
      : `set${index + 1}`,
    value: item,
  }));
  return makeSweep(current.form === "record" ? "array" : current.form, entries);
}

/** Applies an expansion-level override to one expansion's resolved params. */
export function applyToExpansion(
  params: Record<string, unknown>,
  coords: Record<string, string>,
  override: Override,
): { params: Record<string, unknown>; issue: DeclarationIssue["message"] | null } {
  const [head, ...rest] = override.path;
  if (head in coords && rest.length === 0) {
    return {
      params,
      issue: `parameter "${head}" is this node's sweep axis; override the group instead`,
    };
  }
  return { params: setPath(params, override.path, override.value), issue: null };
}

/** Returns a copy of `target` with `value` at `path`, creating objects along the way. */
export function setPath(target: unknown, path: string[], value: unknown): Record<string, unknown> {
  const [head, ...rest] = path;
  const base = typeof target === "object" && target !== null
    ? (Array.isArray(target) ? [...target] : { ...target })
    : {};
  (base as Record<string, unknown>)[head] = rest.length === 0
    ? value
    : setPath((base as Record<string, unknown>)[head], rest, value);
  return base as Record<string, unknown>;
}
