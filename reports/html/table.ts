/** A plain HTML table; numeric columns align right, flagged cells are highlighted. */
import { type Estimate, MISSING } from "../format.ts";
import { escapeHtml } from "./escape.ts";

/** A cell's text; `detail` (an interval, say) goes on a second, smaller line. */
export type Cell = string | {
  text: string;
  detail?: string;
  flag?: "bad" | "good" | "muted";
  title?: string;
};

export interface TableOptions {
  header: string[];
  rows: Cell[][];
  /** Columns from this index on hold numbers (right-aligned, tabular figures). */
  numericFrom?: number;
  caption?: string;
}

/** A value with its interval or p-value on a second line. */
export function estimateCell({ value, detail }: Estimate): Cell {
  return detail === MISSING ? value : { text: value, detail };
}

function td(cell: Cell, numeric: boolean, header = false): string {
  const { text, detail, flag, title } = typeof cell === "string" ? { text: cell } : cell;
  const classes = [numeric ? "num" : "", flag ?? ""].filter(Boolean).join(" ");
  const tag = header ? "th" : "td";
  return `<${tag}${classes ? ` class="${classes}"` : ""}${
    title ? ` title="${escapeHtml(title)}"` : ""
  }>${escapeHtml(text)}${
    detail ? `<br><span class="detail">${escapeHtml(detail)}</span>` : ""
  }</${tag}>`;
}

export function htmlTable(options: TableOptions): string {
  const numericFrom = options.numericFrom ?? 1;
  const head = options.header.map((h, i) => td(h, i >= numericFrom, true)).join("");
  const body = options.rows
    .map((row) => `<tr>${row.map((cell, i) => td(cell, i >= numericFrom)).join("")}</tr>`)
    .join("\n");
  const note = options.caption ? `<p class="table-note">${escapeHtml(options.caption)}</p>` : "";
  return `${note}<div class="table-wrap"><table><thead><tr>${head}</tr></thead>` +
    `<tbody>\n${body}\n</tbody></table></div>`;
}
