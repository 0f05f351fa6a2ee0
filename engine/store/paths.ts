/** File-path helpers (Deno std's path module is unavailable here: no JSR). */
import { isAbsolute, relative, resolve } from "node:path";
import { pathToFileURL } from "node:url";

export function toFileUrl(path: string): string {
  return pathToFileURL(resolve(path)).href;
}

export function fromFileUrl(url: string): string {
  return decodeURIComponent(new URL(url).pathname);
}

/** A path relative to `root` with forward slashes; absolute paths outside stay relative (../). */
export function relativeTo(root: string, path: string): string {
  return isAbsolute(path) ? relative(root, path) : path;
}

export function exists(path: string): boolean {
  try {
    Deno.statSync(path);
    return true;
  } catch {
    return false;
  }
}
