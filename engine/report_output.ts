/**
 * Writes a report node's `ReportFiles` into `out/reports/<pipeline>/<key-12>/` and
 * refreshes `out/reports/<pipeline>/latest/`. Each folder is assembled in a temp folder
 * and renamed into place, so a reader never sees half a report.
 */
import { dirname, join } from "node:path";
import { TEMP_PREFIX } from "./atomic.ts";
import type { ReportFiles } from "./task.ts";

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

/** Writes the files into `folder`, replacing what was there. */
export function writeReportFolder(folder: string, report: ReportFiles): void {
  const parent = dirname(folder);
  Deno.mkdirSync(parent, { recursive: true });
  const temp = join(parent, `${TEMP_PREFIX}${crypto.randomUUID()}`);
  for (const [name, content] of Object.entries(report.files).sort(([a], [b]) => a < b ? -1 : 1)) {
    const path = join(temp, name);
    Deno.mkdirSync(dirname(path), { recursive: true });
    if (typeof content === "string") Deno.writeTextFileSync(path, content);
    else Deno.writeFileSync(path, content);
  }
  const old = join(parent, `${TEMP_PREFIX}old-${crypto.randomUUID()}`);
  let moved = false;
  try {
    Deno.renameSync(folder, old);
    moved = true;
  } catch {
    // No previous folder.
  }
  Deno.renameSync(temp, folder);
  if (moved) Deno.removeSync(old, { recursive: true });
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
