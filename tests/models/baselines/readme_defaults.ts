/**
 * Checks that a model README documents every config field with the default its zod schema
 * gives (`schema.parse({})`), so the documentation cannot drift from the code. A README
 * documents a kind in table rows `| `field` | `default` | meaning |` under a heading naming
 * the kind (`## Ridge (`ridge`)`, sub-headings included), or in rows whose first cell is the kind
 * (`| `momentum` | `lookback` | `1` | … |`). Nested fields are dotted: `training.epochs`.
 */
import assert from "node:assert/strict";
import type { z } from "zod";

/** Every leaf of a parsed config as dotted path → default. */
export function flatDefaults(value: unknown, prefix = ""): Map<string, unknown> {
  const out = new Map<string, unknown>();
  if (value !== null && typeof value === "object" && !Array.isArray(value)) {
    for (const [key, inner] of Object.entries(value)) {
      for (const [path, leaf] of flatDefaults(inner, prefix ? `${prefix}.${key}` : key)) {
        out.set(path, leaf);
      }
    }
  } else {
    out.set(prefix, value);
  }
  return out;
}

/** A default as the README writes it: JSON with ", " between items; 1/3 as a fraction. */
export function formatDefault(value: unknown): string {
  if (value === 1 / 3) return "1/3";
  if (typeof value === "number" && value !== 0 && Math.abs(value) < 1e-3) {
    return value.toFixed(-Math.floor(Math.log10(value))).replace(/0+$/, "");
  }
  return JSON.stringify(value).replaceAll(",", ", ");
}

/** Table rows of the README, each with the kind it documents (null outside a kind). */
function rowsByKind(readme: string, kinds: string[]): Map<string, string[][]> {
  const rows = new Map<string, string[][]>(kinds.map((kind) => [kind, []]));
  let current: { kind: string; level: number } | null = null;
  for (const line of readme.split("\n")) {
    if (line.startsWith("#")) {
      // A heading naming a kind opens its section; sub-headings stay in it, others close it.
      const level = line.indexOf(" ");
      const kind = kinds.find((k) => line.includes(`(\`${k}\`)`));
      if (kind) current = { kind, level };
      else if (current && level <= current.level) current = null;
      continue;
    }
    if (!line.startsWith("|")) continue;
    const cells = line.split("|").slice(1, -1).map((cell) => cell.trim());
    const rowKind = kinds.find((kind) => cells[0] === `\`${kind}\``);
    if (rowKind) rows.get(rowKind)!.push(cells.slice(1));
    else if (current) rows.get(current.kind)!.push(cells);
  }
  return rows;
}

/** Asserts that `readme` documents every field of every schema with its default. */
export function assertDocumentedDefaults(
  readme: string,
  schemas: Record<string, z.ZodType<unknown>>,
): void {
  const rows = rowsByKind(readme, Object.keys(schemas));
  for (const [kind, schema] of Object.entries(schemas)) {
    const documented = new Map(rows.get(kind)!.map(([field, value]) => [field, value]));
    for (const [path, value] of flatDefaults(schema.parse({}))) {
      const field = `\`${path}\``;
      assert.ok(documented.has(field), `${kind}: the README has no row for ${field}`);
      assert.equal(
        documented.get(field),
        `\`${formatDefault(value)}\``,
        `${kind}: the README's default of ${field} is not the schema's`,
      );
    }
  }
}
