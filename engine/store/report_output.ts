/**
 * Writes a report node's `ReportFiles` into `out/reports/<pipeline>/<key-12>/` and
 * refreshes `out/reports/<pipeline>/latest/`. Each folder is assembled in a temp folder
 * (`.tmp-*` beside it) and renamed into place, so a reader never sees half a report. A
 * failed write removes its temp folder; one left by a killed process is found by
 * {@link leftoverReportTemps} and removed by `cache gc`. Writers hold the store lock.
 */
import { dirname, join } from "node:path";
import { isTempName, TEMP_PREFIX, tempPathFor } from "./atomic.ts";
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
  const old = join(parent, `${TEMP_PREFIX}old-${crypto.randomUUID()}`);
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

/**
 * Temp folders that a killed process left where reports are written: `.tmp-*` entries in
 * `reports/<pipeline>/` and in its `latest/` (the parent of `latest/<node-id>/`), for every
 * top-level folder and for the (nested) pipeline names given.
 */
export function leftoverReportTemps(outDir: string, pipelines: Iterable<string> = []): string[] {
  const reports = join(outDir, "reports");
  const found: string[] = [];
  // Nested pipelines (`study/name`, folder `reports/study/name/`) are found by name.
  for (const pipeline of new Set([...folderNames(reports), ...pipelines])) {
    for (const parent of [join(reports, pipeline), join(reports, pipeline, "latest")]) {
      for (const name of folderNames(parent)) {
        if (isTempName(name)) found.push(join(parent, name));
      }
    }
  }
  return [...new Set(found)].sort();
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
