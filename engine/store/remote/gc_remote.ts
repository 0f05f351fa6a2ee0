/**
 * `cache gc --store s3://…`: removes remote entries unreachable from the keys the local gc
 * keeps (current pipelines planned against the remote store, manifests, kept runs). Entries
 * younger than the grace period are kept whatever their reach: a run on another machine may
 * have written an object and not yet its pointer.
 */
import type { RemoteEntry } from "./backend.ts";
import type { RemoteStore } from "./remote_store.ts";

export interface RemoteGcSummary {
  removedObjects: number;
  removedKeys: number;
  freedBytes: number;
  keptObjects: number;
  keptKeys: number;
  keptBytes: number;
  problems: string[];
}

export interface RemoteGcOptions {
  dryRun: boolean;
  /** Entries modified less than this long ago are kept. */
  graceMs: number;
  now?: number;
}

export async function sweepRemote(
  remote: RemoteStore,
  keys: Set<string>,
  options: RemoteGcOptions,
): Promise<RemoteGcSummary> {
  const summary: RemoteGcSummary = {
    removedObjects: 0,
    removedKeys: 0,
    freedBytes: 0,
    keptObjects: 0,
    keptKeys: 0,
    keptBytes: 0,
    problems: [],
  };
  const young = (entry: RemoteEntry) =>
    (options.now ?? Date.now()) - entry.modified < options.graceMs;
  const doomed: string[] = [];
  const keep = new Set<string>();
  for (const [key, entries] of await remote.index()) {
    const all = [...entries.pointers, ...entries.metas];
    if (!keys.has(key)) {
      const old = all.filter((entry) => !young(entry));
      if (old.length === all.length) {
        summary.removedKeys++;
        summary.freedBytes += sum(old);
        doomed.push(...old.map((entry) => entry.name));
        continue;
      }
    }
    summary.keptKeys++;
    summary.keptBytes += sum(all);
    const resolved = await remote.resolve(key, entries, summary.problems);
    if (!resolved) continue;
    const { pointer } = resolved;
    keep.add(pointer.outputHash);
    for (const input of Object.values(pointer.components.inputs)) {
      for (const hash of Array.isArray(input) ? input.map((item) => item.hash) : [input]) {
        keep.add(hash);
      }
    }
  }
  for (const entry of await remote.backend.list("objects/")) {
    const hash = entry.name.split("/").pop()!;
    if (keep.has(hash) || young(entry)) {
      summary.keptObjects++;
      summary.keptBytes += entry.size;
    } else {
      summary.removedObjects++;
      summary.freedBytes += entry.size;
      doomed.push(entry.name);
    }
  }
  if (!options.dryRun && doomed.length) await remote.backend.remove(doomed);
  return summary;
}

function sum(entries: RemoteEntry[]): number {
  return entries.reduce((total, entry) => total + entry.size, 0);
}
