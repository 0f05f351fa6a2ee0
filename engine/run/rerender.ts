/**
 * `report <hash>`: re-runs a report node from its stored inputs alone and writes the
 * files into `out/reports/<pipeline>/<key-12>/`. The result must hash to the output the
 * report first produced; a collected input, changed report code or a non-deterministic
 * report is an error that says what to do. Holds the store lock, as a run does: `cache gc`
 * never removes its inputs or its temp folder under it.
 */
import { resolve } from "node:path";
import { decodeArtifact } from "../store/codec.ts";
import { UserError } from "../declare/errors.ts";
import { sha256Hex } from "../keys/hash.ts";
import type { KeyRecord } from "../keys/key_record.ts";
import { readLedger } from "../ledger/ledger.ts";
import { acquireStoreLock, lockWaitMessage } from "../store/lock.ts";
import { sourceHasherFor } from "../keys/modgraph.ts";
import { nodeModules, unionClosure } from "../keys/node_code.ts";
import { runNode } from "./node_runner.ts";
import { toFileUrl } from "../store/paths.ts";
import type { Project } from "../store/project.ts";
import { reportFolder, writeReportFolder } from "../store/report_output.ts";
import { CorruptEntryError, MissingEntryError } from "../store/store.ts";
import { findTaskExport } from "../declare/task_lookup.ts";
import { type ReportFiles, writesReport } from "../task.ts";
import type { AnyTask } from "../task.ts";
import type { EncodedInput } from "./worker_protocol.ts";

export interface RerenderOptions {
  /** Give up waiting for the store lock after this long; null waits forever. */
  lockTimeoutMs?: number | null;
  onInfo?: (message: string) => void;
}

export async function rerenderReport(
  project: Project,
  hash: string,
  options: RerenderOptions = {},
): Promise<{ folder: string; record: KeyRecord }> {
  const lock = await acquireStoreLock(project.stateDir, {
    purpose: `report ${hash}`,
    timeoutMs: options.lockTimeoutMs ?? null,
    onWait: (holder) => options.onInfo?.(lockWaitMessage(holder)),
  });
  try {
    return await rerenderLocked(project, hash);
  } finally {
    lock.release();
  }
}

async function rerenderLocked(
  project: Project,
  hash: string,
): Promise<{ folder: string; record: KeyRecord }> {
  const record = findRecord(project, hash);
  const moduleUrl = toFileUrl(resolve(project.root, record.module));
  const task = await findTaskExport(moduleUrl, record.components.task).catch(() => null);
  if (!task) {
    throw new UserError(
      `report ${record.key.slice(0, 12)}: task "${record.components.task}" is no longer ` +
        `exported from ${record.module}; check out the commit that rendered it`,
    );
  }
  if (!writesReport(task)) {
    throw new UserError(
      `report ${hash}: key ${record.key.slice(0, 12)} belongs to node ${record.nodeId} ` +
        `(kind ${record.components.kind}, task "${task.name}"), which does not write a report`,
    );
  }
  const rerun = `deno task pipeline ${record.pipeline}`;
  const inputs: Record<string, EncodedInput> = {};
  for (const [name, component] of Object.entries(record.components.inputs)) {
    const upstream = record.inputNodes[name];
    const read = (hash: string, node: string) => {
      try {
        return project.store.readObject(hash);
      } catch (error) {
        if (!(error instanceof MissingEntryError || error instanceof CorruptEntryError)) {
          throw error;
        }
        const state = error instanceof MissingEntryError ? "was collected" : "is corrupt";
        throw new UserError(
          `report ${record.key.slice(0, 12)} (${record.pipeline}/${record.nodeId}): input ` +
            `"${name}", the output of node "${node}" (object ${hash.slice(0, 12)}…), ${state}. ` +
            `Run \`${rerun}\` to recompute it (at the commit of the run that rendered this ` +
            "report), then retry.",
        );
      }
    };
    inputs[name] = typeof component === "string"
      ? read(component, String(upstream))
      : component.map((item) => ({
        id: item.id,
        coords: item.coords,
        bytes: read(item.hash, item.id),
      }));
  }
  await checkCode(project, reportModules(task, record), record);
  const bytes = await runNode({
    task,
    inputs,
    params: record.components.params,
    context: {
      nodeId: record.nodeId,
      pipeline: record.pipeline,
      key: record.key,
      coords: record.coords,
      // An unseeded task (null in its key) cannot read ctx.seed: the value is never seen.
      seed: record.components.seed ?? Number.NaN,
      backend: record.components.backend,
      dataDir: null,
      offline: true,
    },
    signal: new AbortController().signal,
    onProgress: () => {},
    onWarn: () => {},
    onMetric: () => {},
  });
  const outputHash = sha256Hex(bytes);
  if (outputHash !== record.outputHash) {
    throw new UserError(
      `report ${record.key.slice(0, 12)}: re-rendering gave different bytes (output ` +
        `${outputHash.slice(0, 12)}… instead of ${record.outputHash.slice(0, 12)}…); the ` +
        `report task "${task.name}" is not deterministic. Nothing was written.`,
    );
  }
  const folder = reportFolder({
    outDir: project.outDir,
    pipeline: record.pipeline,
    key: record.key,
  });
  writeReportFolder(folder, decodeArtifact(bytes) as ReportFiles);
  return { folder, record };
}

function findRecord(project: Project, hash: string): KeyRecord {
  const prefix = hash.toLowerCase();
  if (!/^[0-9a-f]{4,64}$/.test(prefix)) {
    throw new UserError(`report ${hash}: expected at least 4 hex digits of a report key`);
  }
  const matches = [...project.store.list("keys")].filter((entry) => entry.name.startsWith(prefix));
  if (matches.length === 0) {
    const known = readLedger(project.stateDir).entries.flatMap((entry) =>
      entry.nodes.filter((node) => node.key?.startsWith(prefix)).map((node) => ({ entry, node }))
    );
    if (known.length) {
      const { entry, node } = known[known.length - 1];
      throw new UserError(
        `report ${hash}: node ${entry.pipeline}/${node.id} of run ${entry.runId} had this key, ` +
          `but its store entry was collected. Run \`deno task pipeline ${entry.pipeline}\` ` +
          `at commit ${entry.git.commit ?? "(unknown)"} to recompute it.`,
      );
    }
    throw new UserError(
      `report ${hash}: no key starting with ${prefix} in ${project.store.dir}; ` +
        "`deno task runs` lists runs and their report folders",
    );
  }
  if (matches.length > 1) {
    throw new UserError(
      `report ${hash}: ambiguous, ${matches.length} keys start with it ` +
        `(${matches.slice(0, 5).map((m) => m.name.slice(0, 16)).join(", ")}…); give more digits`,
    );
  }
  return project.store.readKey(matches[0].name)!;
}

/** The task module and the implementation modules it names for the recorded parameters. */
function reportModules(task: AnyTask, record: KeyRecord): string[] {
  try {
    return nodeModules(task, record.components.params);
  } catch (error) {
    throw new UserError(
      `report ${record.key.slice(0, 12)}: ${error instanceof Error ? error.message : error}`,
    );
  }
}

async function checkCode(project: Project, modules: string[], record: KeyRecord): Promise<void> {
  const hasher = sourceHasherFor(project);
  const closure = unionClosure(await hasher.closures(modules), modules);
  const before = record.components.code;
  const changed = [...new Set([...Object.keys(before), ...Object.keys(closure.files)])]
    .filter((file) => before[file] !== closure.files[file]);
  const npmChanged = closure.npm.join() !== record.components.npm.join();
  if (changed.length === 0 && !npmChanged) return;
  const commit = readLedger(project.stateDir).entries.find((entry) => entry.runId === record.runId)
    ?.git.commit;
  throw new UserError(
    `report ${record.key.slice(0, 12)}: the report task's code changed since it was rendered ` +
      `(${[...changed, ...(npmChanged ? ["npm dependency versions"] : [])].join(", ")}); ` +
      `check out commit ${commit ?? "(unknown)"} to re-render it byte-identically`,
  );
}
