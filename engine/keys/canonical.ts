/**
 * Canonical JSON: object keys sorted, no whitespace, `undefined` members dropped, so that
 * two parameter objects that mean the same thing hash the same, whatever the key order in
 * the DAG file. Non-finite numbers (which JSON cannot spell) become `{"$number":"NaN"}`.
 */
export function canonicalJson(value: unknown): string {
  return write(value, "$");
}

function write(value: unknown, path: string): string {
  if (value === null) return "null";
  switch (typeof value) {
    case "string":
      return JSON.stringify(value);
    case "boolean":
      return value ? "true" : "false";
    case "number":
      if (Number.isFinite(value)) return Object.is(value, -0) ? "0" : JSON.stringify(value);
      return `{"$number":"${value}"}`;
    case "object":
      break;
    default:
      throw new TypeError(`canonical JSON: unsupported ${typeof value} at ${path}`);
  }
  if (Array.isArray(value)) {
    return `[${value.map((item, index) => write(item ?? null, `${path}[${index}]`)).join(",")}]`;
  }
  if (ArrayBuffer.isView(value)) {
    const items = Array.from(value as unknown as ArrayLike<number>);
    return write({ $typed: value.constructor.name, values: items }, path);
  }
  const prototype = Object.getPrototypeOf(value);
  if (prototype !== Object.prototype && prototype !== null) {
    throw new TypeError(
      `canonical JSON: ${prototype?.constructor?.name ?? "class instance"} at ${path}; ` +
        "parameters must be plain data",
    );
  }
  const record = value as Record<string, unknown>;
  const members = Object.keys(record).filter((key) => record[key] !== undefined).sort()
    .map((key) => `${JSON.stringify(key)}:${write(record[key], `${path}.${key}`)}`);
  return `{${members.join(",")}}`;
}
