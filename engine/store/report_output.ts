/**
 * Writes a report node's `ReportFiles` into `out/reports/<pipeline>/<key-12>/` and
 * refreshes `out/reports/<pipeline>/latest/`. Each folder is assembled in a temp folder
 * (`.tmp-*` beside it) and renamed into place, so a reader never sees half a report. A
 * failed write removes its temp folder; one left by a killed process is found by
 * {@link leftoverReportTemps} and removed by `cache gc`. Writers hold the store lock.
 *
 * Replacing a folder takes two renames (the old one aside, the new one in). A process
 * killed between them leaves no folder, only the old one aside, named after it:
 * {@link restoreReportFolders} puts it back. Runs (for their pipeline) and `cache gc` (for
 * all) call it when they take the lock, before anything else touches the reports.
 */
import { basename, dirname, join } from "node:path";
import { isTempName, TEMP_PREFIX, tempPathFor } from "./atomic.ts";
import { exists } from "./paths.ts";
import type { ReportFiles } from "../task.ts";

export interface ReportTarget {
  outDir: string;
  pipeline: string;
  nodeId: string;
  key: string;
}

export function reportFolder(target: Omit<ReportTarget, "nodeId">): string {
  return join(target.outDir, "reports", target.pipeline, target.key.slice(0, 12));
}

/** Checks a report's shape and file names; returns an error message or null. */
export function checkReportFiles(value: unknown): string | null {
  const files = (value as ReportFiles | null)?.files;
  if (typeof files !== "object" || files === null) {
    return "a report task must return { files: { name: string | Uint8Array } }";
  }
  for (const [name, content] of Object.entries(files)) {
    const parts = name.split("/");
    if (
      !name || name.startsWith("/") || name.includes("\\") || parts.some((p) => !p || p === "..")
    ) {
      return `report file name "${name}" must be a relative path without ".." segments`;
    }
    if (typeof content !== "string" && !(content instanceof Uint8Array)) {
      return `report file "${name}" must be a string or a Uint8Array`;
    }
  }
  return null;
}

function removeQuietly(path: string): void {
  try {
    Deno.removeSync(path, { recursive: true });
  } catch {
    // Already gone (or never made).
  }
}

/** Writes the files into `folder`, replacing what was there. */
export function writeReportFolder(folder: string, report: ReportFiles): void {
  const parent = dirname(folder);
  Deno.mkdirSync(parent, { recursive: true });
  const temp = tempPathFor(folder);
  try {
    const files = Object.entries(report.files).sort(([a], [b]) => a < b ? -1 : 1);
    for (const [name, content] of files) {
      const path = join(temp, name);
      Deno.mkdirSync(dirname(path), { recursive: true });
      if (typeof content === "string") Deno.writeTextFileSync(path, content);
      else Deno.writeFileSync(path, content);
    }
  } catch (error) {
    removeQuietly(temp);
    throw error;
  }
  const old = join(parent, `${ASIDE_PREFIX}${crypto.randomUUID()}-${basename(folder)}`);
  let moved = false;
  try {
    Deno.renameSync(folder, old);
    moved = true;
  } catch {
    // No previous folder.
  }
  try {
    Deno.renameSync(temp, folder);
  } catch (error) {
    removeQuietly(temp);
    if (moved) Deno.renameSync(old, folder);
    throw error;
  }
  if (moved) removeQuietly(old);
}

/** A folder set aside while its replacement is renamed in: `.tmp-old-<uuid>-<name>`. */
const ASIDE_PREFIX = `${TEMP_PREFIX}old-`;
const UUID_LENGTH = 36;

/**
 * Where reports are replaced, the folder and its latest/: for the pipelines named (nested
 * ones, `study/name`, live in `reports/study/name/`), or for every top-level folder.
 */
function reportParents(outDir: string, pipelines?: Iterable<string>): string[] {
  const reports = join(outDir, "reports");
  const names = new Set(pipelines ?? folderNames(reports));
  return [...names].flatMap((name) => [join(reports, name), join(reports, name, "latest")]);
}

/**
 * Temp folders that a killed process left where reports are written: `.tmp-*` entries in
 * `reports/<pipeline>/` and in its `latest/` (the parent of `latest/<node-id>/`), except
 * an old folder set aside whose replacement never came ({@link restoreReportFolders}'s), for
 * every top-level folder and for the (nested) pipeline names given.
 */
export function leftoverReportTemps(outDir: string, pipelines: Iterable<string> = []): string[] {
  const everyFolder = folderNames(join(outDir, "reports"));
  return reportParents(outDir, [...everyFolder, ...pipelines]).flatMap((parent) => {
    const restorable = new Set(restorableAsides(parent).values());
    return folderNames(parent).filter((name) => isTempName(name) && !restorable.has(name))
      .map((name) => join(parent, name));
  }).sort();
}

/**
 * Puts back the report folders (`latest/` above all) that a process killed between the two
 * renames of a replacement left aside; returns the folders restored. Call it holding the
 * store lock.
 */
export function restoreReportFolders(outDir: string, pipeline?: string): string[] {
  const restored: string[] = [];
  for (const parent of reportParents(outDir, pipeline === undefined ? undefined : [pipeline])) {
    for (const [original, aside] of restorableAsides(parent)) {
      Deno.renameSync(join(parent, aside), join(parent, original));
      restored.push(join(parent, original));
    }
  }
  return restored;
}

/** Folder name → the name of an old copy set aside for it, for folders that are missing. */
function restorableAsides(parent: string): Map<string, string> {
  const asides = new Map<string, string>();
  for (const name of folderNames(parent).sort()) {
    const original = name.slice(ASIDE_PREFIX.length + UUID_LENGTH + 1);
    if (!name.startsWith(ASIDE_PREFIX) || !original || asides.has(original)) continue;
    if (!exists(join(parent, original))) asides.set(original, name);
  }
  return asides;
}

function folderNames(dir: string): string[] {
  try {
    return [...Deno.readDirSync(dir)].filter((entry) => entry.isDirectory).map((e) => e.name);
  } catch {
    return [];
  }
}

/**
 * Writes a report and refreshes `latest/` (with several report nodes in one pipeline,
 * `latest/<node-id>/`). Returns the key folder.
 */
export function publishReport(target: ReportTarget, report: ReportFiles, several: boolean): string {
  const folder = reportFolder(target);
  writeReportFolder(folder, report);
  const latest = join(target.outDir, "reports", target.pipeline, "latest");
  writeReportFolder(several ? join(latest, target.nodeId) : latest, report);
  return folder;
}
