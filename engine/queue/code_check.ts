/**
 * A worker computes a node only with the code its key names: every file in the key's
 * `code` component (project-relative path → SHA-256) must hash the same in the worker's
 * checkout. Otherwise the output would be stored under a key that does not describe it.
 */
import { resolve } from "node:path";
import { sha256File } from "../keys/hash.ts";

/** The files whose content differs from the key's (or that are missing), in words; [] if none. */
export function codeMismatches(root: string, code: Record<string, string>): string[] {
  const problems: string[] = [];
  for (const [path, hash] of Object.entries(code)) {
    let actual: string;
    try {
      actual = sha256File(resolve(root, path));
    } catch {
      problems.push(`${path} is missing`);
      continue;
    }
    if (actual !== hash) problems.push(`${path} differs`);
  }
  return problems;
}
