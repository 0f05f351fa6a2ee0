/**
 * Reads series from the offline mirror folder (layout in `layout.ts`). Returns null when
 * the mirror has no file for the series, so the caller can say which ways out exist.
 */
import { join } from "node:path";
import { columnIndex, readCsv } from "../csv.ts";
import { sha256Hex } from "../../engine/keys/hash.ts";
import { parseDates, parseNumbers } from "../parse.ts";
import { type ParsedObservations, parseObservationCsv } from "../providers/fred.ts";
import type { ParsedBars } from "../providers/yahoo.ts";
import type { SnapshotSource } from "../snapshot.ts";
import { macroEntries, mirrorCandidates, type PriceColumns, priceEntries } from "./layout.ts";
import { checkPrices } from "../price_checks.ts";

export interface MirrorFile {
  /** Relative to the mirror folder, e.g. "spx_daily.csv". */
  path: string;
  bytes: Uint8Array;
  sha256: string;
}

/** What is at `path`: "file", "folder", or null for nothing (or something else). */
async function entryKind(path: string): Promise<"file" | "folder" | null> {
  try {
    const info = await Deno.stat(path);
    return info.isFile ? "file" : info.isDirectory ? "folder" : null;
  } catch (error) {
    if (error instanceof Deno.errors.NotFound) return null;
    throw error;
  }
}

/** False when the mirror folder is missing, so errors can say so instead of "no file". */
export async function mirrorFolderExists(dataDir: string): Promise<boolean> {
  return await entryKind(dataDir) === "folder";
}

/** The first of `paths` that exists in the mirror, or null. */
export async function locateMirrorFile(dataDir: string, paths: string[]): Promise<string | null> {
  for (const path of paths) if (await entryKind(join(dataDir, path)) === "file") return path;
  return null;
}

export async function readMirrorFile(dataDir: string, path: string): Promise<MirrorFile> {
  const bytes = await Deno.readFile(join(dataDir, path));
  return { path, bytes, sha256: sha256Hex(bytes) };
}

function mirrorSource(file: MirrorFile): SnapshotSource {
  return { provider: "mirror", location: file.path, sha256: file.sha256 };
}

function parsePriceCsv(text: string, where: { source: string; series: string }, c: PriceColumns) {
  const table = readCsv(text, where);
  const dates = parseDates(table.rows, columnIndex(table, [c.date], where), where, table);
  const column = (name: string | null, label: string, allowMissing: boolean) =>
    name === null
      ? new Float64Array(dates.length).fill(NaN)
      : parseNumbers(table.rows, columnIndex(table, [name], where), where, {
        name: label,
        allowMissing,
        dates,
      });
  const bars: ParsedBars = {
    dates,
    open: column(c.open, "open", true),
    high: column(c.high, "high", true),
    low: column(c.low, "low", true),
    close: column(c.close, "close", false),
    volume: column(c.volume, "volume", true),
    warnings: [],
  };
  checkPrices(bars, where);
  return bars;
}

export async function readMirrorPrices(
  dataDir: string,
  symbol: string,
): Promise<{ bars: ParsedBars; source: SnapshotSource } | null> {
  const entries = priceEntries(symbol);
  const path = await locateMirrorFile(dataDir, entries.map((e) => e.path));
  if (path === null) return null;
  const entry = entries.find((e) => e.path === path)!;
  const file = await readMirrorFile(dataDir, path);
  const text = new TextDecoder().decode(file.bytes);
  const bars = parsePriceCsv(text, { source: `mirror ${path}`, series: symbol }, entry.columns);
  return { bars, source: mirrorSource(file) };
}

export async function readMirrorMacro(
  dataDir: string,
  id: string,
): Promise<{ observations: ParsedObservations; source: SnapshotSource } | null> {
  const entries = macroEntries(id);
  const path = await locateMirrorFile(dataDir, entries.map((e) => e.path));
  if (path === null) return null;
  const entry = entries.find((e) => e.path === path)!;
  const file = await readMirrorFile(dataDir, path);
  const observations = parseObservationCsv(
    new TextDecoder().decode(file.bytes),
    { source: `mirror ${path}`, series: id },
    { date: [entry.date, "observation_date", "DATE"], value: [entry.value, id] },
  );
  return { observations, source: mirrorSource(file) };
}

/** Relative path of the mirror file that would serve a series, or null. */
export function mirrorPathFor(dataDir: string, kind: "prices" | "macro", id: string) {
  return locateMirrorFile(dataDir, mirrorCandidates(kind, id));
}
