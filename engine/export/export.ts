/**
 * Export of a node's stored output to documented formats.
 *
 * - JSON: the output as stored, typed arrays as arrays of numbers, NaN and ±Infinity as
 *   null (JSON has no such numbers).
 * - CSV (RFC 4180, header row, `\n` line ends): a table found in the output. A table is an
 *   object with columns, a column being an array of numbers, strings, booleans or nulls, or a
 *   typed array, or a `{ names, columns }` member (one column per name: `past.ret`); the row
 *   count is the length of `dates` when there is one (then first), else of the shortest
 *   column. Columns after `dates` go by name. Where some tables have two full columns (or
 *   dates), a record with a single list (a model's settings) does not count as one. A column of k rows per row (a `[n, horizon]` row-major
 *   forecast) becomes k columns `name.1` … `name.k`; other lengths are left out and named
 *   in `skipped`. An array of flat records (one object per epoch, say) is a table too. The
 *   output itself, or the one table inside it, is exported; with several, `path` picks one
 *   (`test`, `fit.history`) and the error lists them.
 */
import { UserError } from "../declare/errors.ts";

export type ExportFormat = "csv" | "json";

/** JSON text of a decoded output (typed arrays as numbers, non-finite numbers as null). */
export function toJson(value: unknown): string {
  return JSON.stringify(
    value,
    (_key, item) => {
      if (ArrayBuffer.isView(item) && !(item instanceof DataView)) {
        return Array.from(item as unknown as ArrayLike<number>, finite);
      }
      return typeof item === "number" ? finite(item) : item;
    },
    2,
  );
}

export interface CsvExport {
  csv: string;
  /** Path of the table in the output ("" for the output itself). */
  path: string;
  /** Columns left out because their length fits no row count. */
  skipped: string[];
}

/** CSV of the table at `path` (dot-separated), or of the only table in the output. */
export function toCsv(value: unknown, what: string, path?: string): CsvExport {
  if (path !== undefined) {
    const target = path.split(".").filter(Boolean).reduce<unknown>(
      (inner, key) => isRecord(inner) ? inner[key] : undefined,
      value,
    );
    if (target === undefined) {
      throw new UserError(`${what}: nothing at --path ${path}; ${tablesHint(value)}`);
    }
    const table = tableOf(target);
    if (!table) throw new UserError(`${what}: --path ${path} is not a table; ${tablesHint(value)}`);
    return { csv: csvText(table.header, table.rows), path, skipped: table.skipped };
  }
  // A record of settings with one list (a model config) is no table when others are.
  const strict = findTables(value, "", 2);
  const tables = strict.length ? strict : findTables(value, "", 1);
  if (tables.length !== 1) {
    throw new UserError(
      tables.length === 0
        ? `${what} holds no table to write as CSV; export it with --format json`
        : `${what} holds ${tables.length} tables; pick one with --path (${tables.join(", ")})`,
    );
  }
  return toCsv(value, what, tables[0]);
}

interface Table {
  header: string[];
  rows: unknown[][];
  skipped: string[];
}

/** The table `value` is, or null; `minColumns` columns must have the row count (or dates). */
function tableOf(value: unknown, minColumns = 1): Table | null {
  if (Array.isArray(value) && value.length > 0 && value.every(isFlatRecord)) {
    const header = [...new Set(value.flatMap((row) => Object.keys(row as object)))];
    const rows = value.map((row) => header.map((key) => (row as Record<string, unknown>)[key]));
    return { header, rows, skipped: [] };
  }
  if (!isRecord(value)) return null;
  const columns = columnsOf(value);
  if (columns.length === 0) return null;
  const dates = value.dates;
  const count = isColumn(dates)
    ? (dates as ArrayLike<unknown>).length
    : Math.min(...columns.map(([, column]) => column.length));
  const full = columns.filter(([, column]) => column.length === count).length;
  if (count === 0 || (!isColumn(dates) && full < minColumns)) return null;
  const header: string[] = [];
  const getters: Array<(row: number) => unknown> = [];
  const skipped: string[] = [];
  for (const [name, column] of columns) {
    const width = column.length / count;
    if (!Number.isInteger(width) || width < 1) {
      skipped.push(name);
    } else if (width === 1) {
      header.push(name);
      getters.push((row) => column[row]);
    } else {
      for (let step = 0; step < width; step++) {
        header.push(`${name}.${step + 1}`);
        getters.push((row) => column[row * width + step]);
      }
    }
  }
  const rows = Array.from({ length: count }, (_, row) => getters.map((get) => get(row)));
  return { header, rows, skipped };
}

/**
 * A record's columns: `dates` first, then the others by name; a `{ names, columns }` member
 * (named feature columns) gives one column per name, `past.ret`, `past.vix`, ….
 */
function columnsOf(value: Record<string, unknown>): Array<[string, ArrayLike<unknown>]> {
  const columns: Array<[string, ArrayLike<unknown>]> = [];
  const names = Object.keys(value).sort((a, b) =>
    a === "dates" ? -1 : b === "dates" ? 1 : a < b ? -1 : a > b ? 1 : 0
  );
  for (const name of names) {
    const member = value[name];
    if (isColumn(member)) columns.push([name, member as ArrayLike<unknown>]);
    else if (isNamedColumns(member)) {
      member.names.forEach((inner, index) =>
        columns.push([`${name}.${inner}`, member.columns[index]])
      );
    }
  }
  return columns;
}

function isNamedColumns(
  value: unknown,
): value is { names: string[]; columns: ArrayLike<unknown>[] } {
  return isRecord(value) && Array.isArray(value.names) && Array.isArray(value.columns) &&
    value.names.length === value.columns.length && value.columns.every(isColumn);
}

/** Paths of every table in the output, outermost first (a table's own fields are not searched). */
function findTables(value: unknown, path: string, minColumns: number): string[] {
  if (tableOf(value, minColumns)) return [path];
  if (!isRecord(value)) return [];
  return Object.entries(value).flatMap(([key, inner]) =>
    findTables(inner, path ? `${path}.${key}` : key, minColumns)
  );
}

function tablesHint(value: unknown): string {
  const strict = findTables(value, "", 2);
  const tables = strict.length ? strict : findTables(value, "", 1);
  return tables.length
    ? `tables in this output: ${tables.map((path) => path || "(the output itself)").join(", ")}`
    : "this output holds no table; export it with --format json";
}

function csvText(header: string[], rows: unknown[][]): string {
  return [header, ...rows].map((row) => row.map(csvCell).join(",")).join("\n") + "\n";
}

function csvCell(value: unknown): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "number" && !Number.isFinite(value)) {
    return Number.isNaN(value) ? "NaN" : value > 0 ? "Infinity" : "-Infinity";
  }
  const text = typeof value === "object" ? JSON.stringify(value) : String(value);
  return /[",\n\r]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

function isColumn(value: unknown): boolean {
  if (ArrayBuffer.isView(value)) {
    return !(value instanceof DataView) && !(value instanceof Uint8Array);
  }
  return Array.isArray(value) && value.length > 0 &&
    value.every((item) => item === null || ["number", "string", "boolean"].includes(typeof item));
}

function isFlatRecord(value: unknown): boolean {
  return isRecord(value) && Object.values(value).every((item) => !isRecord(item));
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value) &&
    !ArrayBuffer.isView(value);
}

function finite(value: number): number | null {
  return Number.isFinite(value) ? value : null;
}
