/**
 * What killed processes leave in the state folder: `.tmp-*` files (and folders) of atomic
 * writes to the store, manifests, run start records, the lock holder and caches. `cache gc`
 * removes them (and the report temp folders `report_output.ts` finds).
 */
import { join } from "node:path";
import { isTempName } from "./atomic.ts";
import { safeReadDir } from "./store.ts";

/** Folders of the state folder where writes go through temp files, besides the store's shards. */
const STATE_FOLDERS = [".", "store", "manifests", "runs", "cache"];
/** `status` writes the module-graph cache without the lock: spare its fresh temp files. */
const UNLOCKED_FOLDERS = new Set(["cache"]);
const UNLOCKED_GRACE_MS = 10 * 60_000;

/** `.tmp-*` files and folders that killed processes left in the state folder. */
export function leftoverStateTemps(stateDir: string): string[] {
  const found: string[] = [];
  for (const folder of STATE_FOLDERS) {
    const dir = join(stateDir, folder);
    for (const entry of safeReadDir(dir)) {
      const path = join(dir, entry.name);
      if (!isTempName(entry.name)) continue;
      if (UNLOCKED_FOLDERS.has(folder) && Date.now() - modifiedAt(path) < UNLOCKED_GRACE_MS) {
        continue;
      }
      found.push(path);
    }
  }
  return found;
}

function modifiedAt(path: string): number {
  try {
    return Deno.statSync(path).mtime?.getTime() ?? 0;
  } catch {
    return Date.now();
  }
}

/** Bytes of a file, or of the files under a folder. */
export function treeSize(dir: string): number {
  try {
    if (!Deno.statSync(dir).isDirectory) return Deno.statSync(dir).size;
  } catch {
    return 0;
  }
  let bytes = 0;
  for (const entry of safeReadDir(dir)) {
    const path = join(dir, entry.name);
    if (entry.isDirectory) bytes += treeSize(path);
    else if (entry.isFile) bytes += Deno.statSync(path).size;
  }
  return bytes;
}
