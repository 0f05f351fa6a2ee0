/**
 * JSON with object keys sorted, so key order never depends on how the data was built and two
 * equal configurations compare equal as text; NaN and ±Infinity become null. Not the engine's
 * `canonicalJson` (which hashes parameters): this one is for rendered report files.
 */

/** Plain data with object keys sorted (arrays kept in order), non-finite numbers as null. */
function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value !== null && typeof value === "object") {
    return Object.fromEntries(
      Object.keys(value).sort().map((
        key,
      ) => [key, sortKeys((value as Record<string, unknown>)[key])]),
    );
  }
  return typeof value === "number" && !Number.isFinite(value) ? null : value;
}

export function sortedJson(value: unknown, indent?: number): string {
  return JSON.stringify(sortKeys(value), null, indent);
}
