/**
 * The local store as a read-through cache of the remote one. Before planning, `pull` asks
 * the remote store for every key the plan misses and copies verified entries into the local
 * store (object first, then key record), then plans again: a pulled upstream output gives
 * its downstream nodes their keys, so the loop ends after at most the DAG's depth. After a
 * run, `push` publishes every output the remote store lacks (computed now, or cached locally
 * from before the store was shared). The executor never sees the remote store.
 */
import type { PipelineGraph } from "../../declare/graph.ts";
import type { KeyRecord } from "../../keys/key_record.ts";
import { recordFor } from "../../keys/record_builder.ts";
import type { Plan } from "../../run/plan.ts";
import type { Project } from "../project.ts";
import type { KeyEntries, RemoteStore } from "./remote_store.ts";

/** Parallel requests per batch. */
const CONCURRENCY = 8;

export interface PullOptions {
  graph: PipelineGraph;
  /** Plans against the local store as it is now (called again after each pull). */
  replan: () => Plan;
  /** Expansion ids forced to recompute: never pulled. */
  force: Set<string>;
  onWarn: (message: string) => void;
}

export interface Pulled {
  /** Keys the remote store held at the start, with their entries. */
  index: Map<string, KeyEntries>;
  /**
   * Keys whose remote entries did not verify, and what `push` rewrites for them: the object
   * (missing or corrupt behind a valid pointer) or the pointer (none of them valid).
   */
  repair: Map<string, "object" | "pointer">;
  count: number;
}

export async function pull(
  project: Project,
  remote: RemoteStore,
  options: PullOptions,
): Promise<Pulled> {
  const index = await remote.index();
  const repair = new Map<string, "object" | "pointer">();
  const tried = new Set<string>();
  let count = 0;
  while (true) {
    const wanted = options.replan().nodes.filter((entry) =>
      entry.status !== "fresh" && entry.key !== null && !tried.has(entry.key) &&
      !options.force.has(entry.node.id) && index.has(entry.key)
    );
    if (!wanted.length) break;
    const problems: string[] = [];
    await inBatches(wanted, async (entry) => {
      const key = entry.key!;
      tried.add(key);
      const resolved = await remote.resolve(key, index.get(key)!, problems);
      if (!resolved) {
        repair.set(key, "pointer");
        return;
      }
      const { pointer, meta } = resolved;
      const bytes = await remote.readObject(pointer.outputHash, problems);
      if (!bytes) {
        repair.set(key, "object");
        return;
      }
      project.store.putObject(bytes);
      const record: KeyRecord = {
        ...recordFor({
          node: entry.node,
          key,
          components: pointer.components,
          outputHash: pointer.outputHash,
          size: bytes.length,
          ms: meta?.ms ?? 0,
          warnings: meta?.warnings ?? [],
          metrics: meta?.metrics ?? {},
          runId: meta?.runId ?? "remote",
          pipeline: meta?.pipeline ?? options.graph.name,
          root: project.root,
        }),
        ...(meta ? { createdAt: meta.createdAt } : {}),
      };
      project.store.putKey(record);
      count++;
    });
    for (const problem of problems) options.onWarn(problem);
  }
  return { index, repair, count };
}

/** Publishes the records of a finished run that the remote store lacks; returns how many. */
export async function push(
  project: Project,
  remote: RemoteStore,
  records: KeyRecord[],
  pulled: Pulled,
  /** Objects this run read back from the remote store and verified (queued nodes). */
  stored: ReadonlySet<string> = new Set(),
): Promise<number> {
  const missing = records.filter((record) =>
    !pulled.index.get(record.key)?.pointers.length || pulled.repair.has(record.key)
  );
  await inBatches(missing, async (record) => {
    const bytes = project.store.readObject(record.outputHash);
    await remote.publish(
      record,
      bytes,
      pulled.repair.get(record.key) === "pointer",
      stored.has(record.outputHash) && pulled.repair.get(record.key) !== "object",
    );
  });
  return missing.length;
}

async function inBatches<T>(items: T[], work: (item: T) => Promise<void>): Promise<void> {
  for (let start = 0; start < items.length; start += CONCURRENCY) {
    await Promise.all(items.slice(start, start + CONCURRENCY).map(work));
  }
}
