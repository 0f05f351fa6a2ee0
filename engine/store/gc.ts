/**
 * `cache gc`: removes store entries unreachable from the current pipelines' keys, from the
 * last materialized state of every node (manifests) and from the runs kept in the ledger
 * (all of them by default, or the last N of each pipeline), plus stray temp files left by
 * killed processes in the state folder (store, manifests, run records, caches) and temp
 * folders left beside report folders, after putting back any report folder a kill left
 * aside. Takes the store lock, so it never races a run or a report re-render.
 */
import { join } from "node:path";
import { safeReadDir } from "./store.ts";
import type { KeyRecord } from "../keys/key_record.ts";
import { readLedger } from "../ledger/ledger.ts";
import { listPipelines } from "../declare/loader.ts";
import { acquireStoreLock, lockWaitMessage } from "./lock.ts";
import { pipelineStatus } from "../run/status.ts";
import type { Project } from "./project.ts";
import { VerifiedObjects } from "./verified.ts";
import { isTempName, readJsonFile } from "./atomic.ts";
import { leftoverReportTemps, restoreReportFolders } from "./report_output.ts";
import { leftoverStateTemps, treeSize } from "./leftovers.ts";
import { UserError } from "../declare/errors.ts";
import type { PrepareOptions } from "../run/prepare.ts";
import type { RemoteGcSummary } from "./remote/gc_remote.ts";

/** Data folder, offline and backend as runs resolve them, so gc plans the keys a run would use. */
export interface GcOptions
  extends Pick<PrepareOptions, "dataDir" | "offline" | "backend" | "resolveBackend"> {
  /** Keep only the last N runs of each pipeline in the ledger's reach; null keeps all. */
  keepRuns: number | null;
  dryRun: boolean;
  /** With `--store`: remote entries younger than this are kept (default one hour). */
  remoteGraceMs?: number;
  lockTimeoutMs?: number | null;
  onInfo?: (message: string) => void;
}

export interface GcSummary {
  removedObjects: number;
  removedKeys: number;
  /** Stray temp files in the store and temp folders beside report folders. */
  removedTemp: number;
  freedBytes: number;
  keptObjects: number;
  keptKeys: number;
  keptBytes: number;
  /** What gc did in the remote store (`--store`), if there is one. */
  remote?: RemoteGcSummary;
}

export async function collectGarbage(project: Project, options: GcOptions): Promise<GcSummary> {
  const lock = await acquireStoreLock(project.stateDir, {
    purpose: "cache gc",
    timeoutMs: options.lockTimeoutMs ?? null,
    onWait: (holder) => options.onInfo?.(lockWaitMessage(holder)),
  });
  try {
    if (!options.dryRun) {
      for (const folder of restoreReportFolders(project.outDir)) {
        options.onInfo?.(`restored ${folder} (a killed write left it aside)`);
      }
    }
    const { keys, pipelines } = await reachableKeys(project, options);
    const summary = sweep(project, keys, { dryRun: options.dryRun, pipelines });
    if (project.remoteUrl) {
      const { openRemote } = await import("./remote/session.ts");
      const { sweepRemote } = await import("./remote/gc_remote.ts");
      summary.remote = await sweepRemote(await openRemote(project.remoteUrl), keys, {
        dryRun: options.dryRun,
        graceMs: options.remoteGraceMs ?? 3_600_000,
      });
    }
    return summary;
  } finally {
    lock.release();
  }
}

async function reachableKeys(
  project: Project,
  options: GcOptions,
): Promise<{ keys: Set<string>; pipelines: Set<string> }> {
  const keys = new Set<string>();
  const pipelines = new Set(await listPipelines(project.root));
  for (const name of pipelines) {
    for (const key of await currentKeys(project, name, options)) keys.add(key);
  }
  // Nested pipelines (`study/name`) keep their manifests in sub-folders.
  for (const file of safeList(join(project.stateDir, "manifests"))) {
    const manifest = readJsonFile<{ nodes: Record<string, { key: string }> }>(file);
    for (const node of Object.values(manifest?.nodes ?? {})) keys.add(node.key);
  }
  const { entries: runs, problems } = readLedger(project.stateDir);
  for (const problem of problems) options.onInfo?.(`warning: ${problem}`);
  const kept = new Map<string, number>();
  for (const entry of [...runs].reverse()) {
    pipelines.add(entry.pipeline);
    // An unfinished run recorded no nodes: it must not take the place of a kept run.
    if (entry.status === "unfinished") continue;
    const count = kept.get(entry.pipeline) ?? 0;
    if (options.keepRuns !== null && count >= options.keepRuns) continue;
    kept.set(entry.pipeline, count + 1);
    for (const node of entry.nodes) if (node.key) keys.add(node.key);
  }
  return { keys, pipelines };
}

/** Keys of a pipeline's nodes that are fresh now, planned as a run with these options would. */
async function currentKeys(project: Project, name: string, options: GcOptions): Promise<string[]> {
  try {
    // The data folder and backend take part in keys (fetch fingerprints, training nodes).
    const { plan } = await pipelineStatus(project, {
      pipeline: name,
      dataDir: options.dataDir,
      offline: options.offline,
      backend: options.backend,
      resolveBackend: options.resolveBackend,
    });
    return plan.nodes.filter((entry) => entry.status === "fresh").map((entry) => entry.key!);
  } catch (error) {
    throw new UserError(
      `cache gc: cannot plan pipeline "${name}" to find the keys it uses, so nothing was ` +
        `removed: ${error instanceof Error ? error.message : error}`,
    );
  }
}

function sweep(
  project: Project,
  keys: Set<string>,
  { dryRun, pipelines }: { dryRun: boolean; pipelines: Set<string> },
): GcSummary {
  const { store } = project;
  const summary: GcSummary = {
    removedObjects: 0,
    removedKeys: 0,
    removedTemp: 0,
    freedBytes: 0,
    keptObjects: 0,
    keptKeys: 0,
    keptBytes: 0,
  };
  const remove = (path: string, size: number) => {
    summary.freedBytes += size;
    if (!dryRun) Deno.removeSync(path);
  };
  const objects = new Set<string>();
  for (const entry of store.list("keys")) {
    if (isTempName(entry.name)) {
      summary.removedTemp++;
      remove(entry.path, entry.size);
      continue;
    }
    const record = readJsonFile<KeyRecord>(entry.path);
    if (!record || !keys.has(entry.name)) {
      summary.removedKeys++;
      remove(entry.path, entry.size);
      continue;
    }
    summary.keptKeys++;
    summary.keptBytes += entry.size;
    objects.add(record.outputHash);
    for (const input of Object.values(record.components.inputs)) {
      for (const hash of Array.isArray(input) ? input.map((item) => item.hash) : [input]) {
        objects.add(hash);
      }
    }
  }
  for (const path of leftoverStateTemps(project.stateDir)) {
    summary.removedTemp++;
    summary.freedBytes += treeSize(path);
    if (!dryRun) Deno.removeSync(path, { recursive: true });
  }
  for (const entry of store.list("objects")) {
    if (isTempName(entry.name)) {
      summary.removedTemp++;
      remove(entry.path, entry.size);
    } else if (!objects.has(entry.name)) {
      summary.removedObjects++;
      remove(entry.path, entry.size);
    } else {
      summary.keptObjects++;
      summary.keptBytes += entry.size;
    }
  }
  for (const folder of leftoverReportTemps(project.outDir, pipelines)) {
    summary.removedTemp++;
    summary.freedBytes += treeSize(folder);
    if (!dryRun) Deno.removeSync(folder, { recursive: true });
  }
  if (!dryRun) {
    const verified = new VerifiedObjects(store);
    verified.retain(objects);
    verified.save();
  }
  return summary;
}

/** `.json` files under `dir`, recursively. */
function safeList(dir: string): string[] {
  return safeReadDir(dir).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory) return safeList(path);
    return entry.isFile && entry.name.endsWith(".json") ? [path] : [];
  });
}
