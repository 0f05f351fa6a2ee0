/**
 * Strict reading of the small comma-separated files the data stages deal with (FRED's
 * fredgraph.csv, mirror files): one header line, one record per line. Anything that does
 * not fit becomes a {@link DataError} naming the source, the series and the row, instead
 * of a silently shifted column.
 */
import { DataError } from "./errors.ts";

export interface CsvWhere {
  source: string;
  series: string;
}

export interface CsvTable {
  header: string[];
  /** Data rows; `rows[i]` is data row i + 1 in error messages. */
  rows: string[][];
  /** False when the text does not end with a newline (a cut-off download looks like this). */
  endsWithNewline: boolean;
}

/** Splits one line into fields; double quotes may wrap a field that contains commas. */
function splitLine(line: string): string[] | null {
  if (!line.includes('"')) return line.split(",");
  const fields: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (quoted && ch === '"' && line[i + 1] === '"') {
      field += '"';
      i++;
    } else if (ch === '"') {
      quoted = !quoted;
    } else if (ch === "," && !quoted) {
      fields.push(field);
      field = "";
    } else {
      field += ch;
    }
  }
  if (quoted) return null;
  fields.push(field);
  return fields;
}

export function readCsv(text: string, where: CsvWhere): CsvTable {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const endsWithNewline = /\n\s*$/.test(body);
  const lines = body.split(/\r?\n/);
  while (lines.length > 0 && lines[lines.length - 1].trim() === "") lines.pop();
  if (lines.length === 0) {
    throw new DataError({ ...where, code: "empty", problem: "the file is empty (no header line)" });
  }
  const header = splitLine(lines[0].trim())?.map((name) => name.trim());
  if (!header || header.length < 2 || header.some((name) => name === "")) {
    throw new DataError({
      ...where,
      code: "malformed",
      row: 0,
      problem: `expected a comma-separated header line, got "${lines[0].slice(0, 80)}"`,
    });
  }
  const rows: string[][] = [];
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i].trim();
    if (line === "") continue;
    const fields = splitLine(line);
    const isLast = i === lines.length - 1;
    if (!fields || fields.length !== header.length) {
      const truncated = isLast && !endsWithNewline && (fields?.length ?? 0) < header.length;
      throw new DataError({
        ...where,
        code: truncated ? "truncated" : "malformed",
        row: rows.length + 1,
        problem: truncated
          ? `the last line "${line}" is cut off (${fields?.length ?? 0} of ${header.length} ` +
            `fields, no final newline); download the file again`
          : `expected ${header.length} fields (${header.join(",")}), got ` +
            `${fields?.length ?? "unbalanced quotes"} in "${line.slice(0, 80)}"`,
      });
    }
    rows.push(fields.map((field) => field.trim()));
  }
  if (rows.length === 0) {
    throw new DataError({ ...where, code: "empty", problem: "the file has a header but no rows" });
  }
  const last = rows[rows.length - 1];
  if (!endsWithNewline && last[last.length - 1] === "") {
    throw new DataError({
      ...where,
      code: "truncated",
      row: rows.length,
      problem: `the last line "${last.join(",")}" ends in an empty field with no final ` +
        `newline, as a cut-off download does; download the file again`,
    });
  }
  return { header, rows, endsWithNewline };
}

/** Index of each named column (case-insensitive); the first name that matches wins. */
export function columnIndex(table: CsvTable, names: string[], where: CsvWhere): number {
  const lower = table.header.map((name) => name.toLowerCase());
  for (const name of names) {
    const index = lower.indexOf(name.toLowerCase());
    if (index >= 0) return index;
  }
  throw new DataError({
    ...where,
    code: "malformed",
    row: 0,
    problem: `no column named ${names.map((n) => `"${n}"`).join(" or ")} in the header ` +
      `"${table.header.join(",")}"`,
  });
}
