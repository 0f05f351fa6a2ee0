/**
 * Fixture mirrors for the real-world data cases: a temporary copy of the shared reference
 * files the default studies read, with chosen edits (a dropped month, an absurd value).
 */
import { join } from "node:path";
import { sharedDataDir } from "../_helpers.ts";

const FILES = [
  "spx_daily.csv",
  "vix_daily.csv",
  ...["CPIAUCSL", "UNRATE", "DGS10", "DGS2", "T10Y2Y", "FEDFUNDS", "GDPC1"].map((id) =>
    `macro/${id}.csv`
  ),
];

/** An edit of one mirror file's lines (the header is line 0). */
export type LineEdit = (lines: string[]) => string[];

/** Drops the row dated `date`. */
export const dropRow = (date: string): LineEdit => (lines) =>
  lines.filter((line) => !line.startsWith(`${date},`));

/** Replaces column `column` (0 = date) of the row dated `date` by `value`. */
export const setField = (date: string, column: number, value: string): LineEdit => (lines) =>
  lines.map((line) => {
    if (!line.startsWith(`${date},`)) return line;
    const fields = line.split(",");
    fields[column] = value;
    return fields.join(",");
  });

/** A temporary mirror with the shared files, `edits` applied; remove it with `Deno.remove`. */
export async function editedMirror(edits: Record<string, LineEdit[]>): Promise<string> {
  const dir = await Deno.makeTempDir({ prefix: "finfusion-mirror-" });
  await Deno.mkdir(join(dir, "macro"));
  for (const file of FILES) {
    let lines = (await Deno.readTextFile(join(sharedDataDir(), file))).split("\n");
    for (const edit of edits[file] ?? []) lines = edit(lines);
    await Deno.writeTextFile(join(dir, file), lines.join("\n"));
  }
  return dir;
}
