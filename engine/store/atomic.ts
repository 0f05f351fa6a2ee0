/**
 * Atomic file writes: write a temp file beside the target, then rename over it, so a
 * reader (or a run killed half-way) sees either the old file or the new one, never a
 * torn one. Temp names start with `.tmp-` so scans skip them and `cache gc` removes them.
 */
import { dirname, join } from "node:path";

export const TEMP_PREFIX = ".tmp-";

export function isTempName(name: string): boolean {
  return name.startsWith(TEMP_PREFIX);
}

export function tempPathFor(path: string): string {
  return join(dirname(path), `${TEMP_PREFIX}${crypto.randomUUID()}`);
}

export function writeFileAtomic(path: string, data: string | Uint8Array): void {
  Deno.mkdirSync(dirname(path), { recursive: true });
  const temp = tempPathFor(path);
  try {
    if (typeof data === "string") Deno.writeTextFileSync(temp, data);
    else Deno.writeFileSync(temp, data);
    Deno.renameSync(temp, path);
  } catch (error) {
    try {
      Deno.removeSync(temp);
    } catch {
      // The temp file may not exist; nothing else to clean.
    }
    throw error;
  }
}

/** Reads and parses a JSON file; null when it is absent or unreadable as JSON. */
export function readJsonFile<T>(path: string): T | null {
  try {
    return JSON.parse(Deno.readTextFileSync(path)) as T;
  } catch {
    return null;
  }
}
