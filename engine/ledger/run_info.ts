/** Facts about the environment a run records in the ledger: git state and versions. */
import { fromFileUrl } from "../store/paths.ts";
import { readJsonFile } from "../store/atomic.ts";

export interface GitState {
  commit: string | null;
  dirty: boolean | null;
}

export async function gitState(root: string): Promise<GitState> {
  const git = async (...args: string[]) => {
    try {
      const output = await new Deno.Command("git", {
        args: ["-C", root, ...args],
        stdout: "piped",
        stderr: "null",
      }).output();
      return output.success ? new TextDecoder().decode(output.stdout) : null;
    } catch {
      return null;
    }
  };
  const [head, status] = await Promise.all([
    git("rev-parse", "HEAD"),
    git("status", "--porcelain"),
  ]);
  return { commit: head?.trim() || null, dirty: status === null ? null : status.trim() !== "" };
}

/** The tfjs version pinned in the import map, without importing tfjs. */
export function tfjsVersion(configFile: string): string | null {
  const config = readJsonFile<{ imports?: Record<string, string> }>(configFile);
  const specifier = config?.imports?.["@tensorflow/tfjs"];
  return specifier?.match(/@(\d[^/]*)$/)?.[1] ?? null;
}

/** A sortable, unique run id: UTC time plus a random suffix. */
export function newRunId(now = new Date()): string {
  const stamp = now.toISOString().replace(/[-:]/g, "").replace(/\.\d+Z$/, "Z");
  return `${stamp}-${crypto.randomUUID().slice(0, 6)}`;
}

/** The engine's own deno.json: the fallback config for projects without one. */
export const ENGINE_CONFIG = fromFileUrl(new URL("../../deno.json", import.meta.url).href);
