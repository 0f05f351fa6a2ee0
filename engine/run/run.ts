/**
 * One pipeline run: prepare, take the store lock, plan, execute stale nodes, publish
 * reports, save manifests and append the ledger line. Returns the ledger entry and the
 * report folders; the caller decides the exit code from `entry.status`.
 */
import { describeCauses } from "../keys/causes.ts";
import { decodeArtifact } from "../store/codec.ts";
import type { EventSink } from "./events.ts";
import { WorkerPool } from "./worker_pool.ts";
import { execute, type NodeResult } from "./executor.ts";
import { ledgerNode } from "./ledger_node.ts";
import {
  appendLedger,
  headlineMetrics,
  type LedgerEntry,
  ledgerEntry,
  readLedger,
  type RunStart,
  settleUnfinishedRuns,
} from "../ledger/ledger.ts";
import { clearRunStart, recordRunStart } from "../ledger/run_starts.ts";
import { repeatedRun } from "../ledger/repeat.ts";
import { nodeHistory, RunEta } from "./eta.ts";
import { acquireStoreLock, lockWaitMessage } from "../store/lock.ts";
import { type PrepareOptions, preparePipeline } from "./prepare.ts";
import type { Project } from "../store/project.ts";
import { publishReport, restoreReportFolders } from "../store/report_output.ts";
import { gitState, newRunId, tfjsVersion } from "../ledger/run_info.ts";
import { planPrepared, recomputeCounts } from "./status.ts";
import { remoteSession } from "../store/remote/session.ts";
import { hasHeadlineMetrics, type ReportFiles, writesReport } from "../task.ts";
import { requireSharedStore } from "../queue/queue_url.ts";
import { queueSession } from "../queue/session.ts";
import type { QueuedRunner } from "../queue/queued_runner.ts";

/** Nodes a queued run keeps enqueued at once (unless `--jobs` says otherwise). */
const QUEUED_AT_ONCE = 256;

export interface RunOptions extends PrepareOptions {
  jobs?: number;
  force?: string[];
  only?: string[];
  /** Give up waiting for the store lock after this long; null waits forever. */
  lockTimeoutMs?: number | null;
  /** Fail a node still running after this long (its Worker is terminated); null: no limit. */
  nodeTimeoutMs?: number | null;
  sink: EventSink;
  signal?: AbortSignal;
  /** Command line recorded in the ledger. */
  argv?: string[];
  /** `--queue redis://…`: run stale nodes on workers (needs `--store`); absent: here. */
  queue?: string | null;
  /** Tries per queued node (`--attempts`), default 3. */
  attempts?: number;
}

export interface RunSummary {
  entry: LedgerEntry;
  results: Map<string, NodeResult>;
  reports: Array<{ node: string; folder: string }>;
  /** A no-op re-run is not appended to the ledger: the recorded run it repeats. */
  repeats: string | null;
}

export async function runPipeline(project: Project, options: RunOptions): Promise<RunSummary> {
  const startedAt = new Date();
  const runId = newRunId(startedAt);
  if (options.queue) requireSharedStore(options.queue, project.remoteUrl);
  const git = gitState(project.root);
  const prepared = await preparePipeline(project, options);
  const { graph } = prepared;
  const sink = options.sink;
  const lock = await acquireStoreLock(project.stateDir, {
    purpose: `pipeline ${graph.name}`,
    timeoutMs: options.lockTimeoutMs ?? null,
    signal: options.signal,
    onWait: (holder) =>
      sink.emit({
        type: "info",
        message: lockWaitMessage(holder),
      }),
  });
  let queued: QueuedRunner | null = null;
  const workers = new WorkerPool();
  try {
    for (const id of settleUnfinishedRuns(project.stateDir)) {
      sink.emit({ type: "warn", node: null, message: `run ${id} never finished (killed?)` });
    }
    for (const folder of restoreReportFolders(project.outDir, graph.name)) {
      sink.emit({
        type: "warn",
        node: null,
        message: `restored ${folder} (a killed write left it aside)`,
      });
    }
    // With --store: pull what the plan misses (a failure here leaves no run record behind).
    const remote = await remoteSession(project, {
      graph,
      replan: () => planPrepared(project, prepared, options),
      onWarn: (message) => sink.emit({ type: "warn", node: null, message }),
      onInfo: (message) => sink.emit({ type: "info", message }),
    });
    if (options.queue) {
      queued = await queueSession(remote, {
        queue: options.queue,
        attempts: options.attempts ?? 3,
        root: project.root,
        onInfo: (message) => sink.emit({ type: "info", message }),
      });
    }
    // Queued: every ready node is enqueued at once; the workers bound the parallelism.
    const jobs = Math.max(
      1,
      options.jobs ?? (queued ? QUEUED_AT_ONCE : navigator.hardwareConcurrency ?? 1),
    );
    const start: RunStart = {
      runId,
      pipeline: graph.name,
      file: graph.file,
      startedAt: startedAt.toISOString(),
      argv: options.argv ?? [],
      git: await git,
      deno: Deno.version.deno,
      tfjs: tfjsVersion(project.configFile),
      backend: prepared.backend,
      seed: graph.seed,
      jobs,
      overrides: graph.overrides,
    };
    // The ledger as it stood before this run, read before the run's own start record.
    const recorded = readLedger(project.stateDir).entries;
    // Outputs this run stores name it; the start record makes it traceable if it is killed.
    recordRunStart(project.stateDir, start);
    const { plan, verified, manifests, force } = planPrepared(project, prepared, options);
    for (const problem of plan.problems) sink.emit({ type: "warn", node: null, message: problem });
    const fresh = plan.nodes.filter((entry) => entry.status === "fresh").length;
    sink.emit({
      type: "info",
      message: `${graph.name}: ${plan.nodes.length} nodes, ${fresh} fresh, ` +
        `${recomputeCounts(plan)} (backend ${prepared.backend}, seed ${graph.seed})`,
    });
    const toRun = plan.nodes.filter((entry) => entry.status !== "fresh");
    const eta = new RunEta(
      toRun.map((entry) => entry.node.id),
      nodeHistory(recorded, graph.name),
      jobs,
    );
    const results = await execute({
      graph,
      plan,
      store: project.store,
      verified,
      manifests,
      statics: prepared.statics,
      force,
      jobs,
      runId,
      root: project.root,
      contextFor: (node) => ({
        nodeId: node.id,
        pipeline: graph.name,
        coords: node.coords,
        seed: graph.seed,
        backend: node.task.usesBackend ? prepared.backend : "none",
        dataDir: prepared.dataDir,
        offline: prepared.offline,
      }),
      sink: eta.wrap(sink),
      signal: options.signal ?? new AbortController().signal,
      nodeTimeoutMs: options.nodeTimeoutMs ?? null,
      runner: queued
        ? (request, node, components) => queued!.run(request, node, components)
        : undefined,
      workers,
    });
    workers.close(); // idle Workers hold their last node's heap
    const reports = publishReports(project, graph.name, results, sink);
    manifests.save();
    verified.save();
    const nodes = plan.nodes.map((entry) =>
      ledgerNode(
        results.get(entry.node.id)!,
        describeCauses(entry.causes),
        reports.find((r) => r.node === entry.node.id),
        eta.epochs.get(entry.node.id),
      )
    );
    const outcomes = nodes.map((node) => node.outcome);
    const entry = ledgerEntry(start, {
      status: outcomes.includes("interrupted")
        ? "interrupted"
        : outcomes.some((o) => o === "failed" || o === "skipped")
        ? "failed"
        : "ok",
      finishedAt: new Date().toISOString(),
      ms: Date.now() - startedAt.getTime(),
      hits: outcomes.filter((o) => o === "hit").length,
      misses: outcomes.filter((o) => o === "miss").length,
      nodes,
      metrics: headlineMetrics(
        nodes.filter((node) => hasHeadlineMetrics(graph.byId.get(node.id)!.task)),
      ),
    });
    const repeats = repeatedRun(recorded, entry);
    if (!repeats) appendLedger(project.stateDir, entry);
    clearRunStart(project.stateDir, runId);
    await remote?.push(results.values(), queued?.stored);
    return { entry, results, reports, repeats: repeats?.runId ?? null };
  } finally {
    workers.close();
    await queued?.close();
    lock.release();
  }
}

function publishReports(
  project: Project,
  pipeline: string,
  results: Map<string, NodeResult>,
  sink: EventSink,
): Array<{ node: string; folder: string }> {
  const done = [...results.values()].filter((result) =>
    writesReport(result.node.task) && result.record &&
    (result.outcome === "hit" || result.outcome === "miss")
  );
  const several = [...results.values()].filter((r) => writesReport(r.node.task)).length > 1;
  return done.map((result) => {
    const record = result.record!;
    // The executor read (and verified) a cached report's output, or computed it.
    const report = decodeArtifact(result.output!) as ReportFiles;
    const folder = publishReport(
      { outDir: project.outDir, pipeline, nodeId: result.node.id, key: record.key },
      report,
      several,
    );
    sink.emit({ type: "info", message: `report written (node ${result.node.id}): ${folder}` });
    return { node: result.node.id, folder };
  });
}
