/** RFC 4180 CSV with fixed number formatting (plain ASCII minus, no locale). */

export type CsvValue = string | number | boolean | null;

/** Fixed decimals, "" for undefined values, −0 written as 0. */
export function csvNumber(value: number | null | undefined, digits: number): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return "";
  const text = value.toFixed(digits);
  return /^-0\.?0*$/.test(text) ? text.slice(1) : text;
}

function cell(value: CsvValue): string {
  if (value === null) return "";
  const text = String(value);
  return /[",\n\r]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function toCsv(header: string[], rows: CsvValue[][]): string {
  for (const [i, row] of rows.entries()) {
    if (row.length !== header.length) {
      throw new Error(`CSV row ${i} has ${row.length} cells but the header has ${header.length}`);
    }
  }
  return [header, ...rows].map((row) => row.map(cell).join(",")).join("\n") + "\n";
}
