/**
 * One pipeline run: prepare, take the store lock, plan, execute stale nodes, publish
 * reports, save manifests and append the ledger line. Returns the ledger entry and the
 * report folders; the caller decides the exit code from `entry.status`.
 */
import { describeCauses } from "../keys/causes.ts";
import { decodeArtifact } from "../store/codec.ts";
import type { EventSink } from "./events.ts";
import { execute, type NodeResult } from "./executor.ts";
import type { GraphNode } from "../declare/graph.ts";
import {
  appendLedger,
  headlineMetrics,
  type LedgerEntry,
  type LedgerNode,
} from "../ledger/ledger.ts";
import { acquireStoreLock, lockWaitMessage } from "../store/lock.ts";
import { type PrepareOptions, preparePipeline } from "./prepare.ts";
import type { Project } from "../store/project.ts";
import { publishReport } from "../store/report_output.ts";
import { gitState, newRunId, tfjsVersion } from "../ledger/run_info.ts";
import { planPrepared } from "./status.ts";
import { hasHeadlineMetrics, type ReportFiles, writesReport } from "../task.ts";

export interface RunOptions extends PrepareOptions {
  jobs?: number;
  force?: string[];
  only?: string[];
  /** Give up waiting for the store lock after this long; null waits forever. */
  lockTimeoutMs?: number | null;
  sink: EventSink;
  signal?: AbortSignal;
  /** Command line recorded in the ledger. */
  argv?: string[];
}

export interface RunSummary {
  entry: LedgerEntry;
  results: Map<string, NodeResult>;
  reports: Array<{ node: string; folder: string }>;
}

export async function runPipeline(project: Project, options: RunOptions): Promise<RunSummary> {
  const startedAt = new Date();
  const runId = newRunId(startedAt);
  const git = gitState(project.root);
  const prepared = await preparePipeline(project, options);
  const { graph } = prepared;
  const sink = options.sink;
  const lock = await acquireStoreLock(project.stateDir, {
    purpose: `pipeline ${graph.name}`,
    timeoutMs: options.lockTimeoutMs ?? null,
    onWait: (holder) =>
      sink.emit({
        type: "info",
        message: lockWaitMessage(holder),
      }),
  });
  try {
    const { plan, verified, manifests, force } = planPrepared(project, prepared, options);
    for (const problem of plan.problems) sink.emit({ type: "warn", node: null, message: problem });
    const toRun = plan.nodes.filter((entry) => entry.status !== "fresh").length;
    sink.emit({
      type: "info",
      message: `${graph.name}: ${plan.nodes.length} nodes, ${plan.nodes.length - toRun} fresh, ` +
        `${toRun} to run (backend ${prepared.backend}, seed ${graph.seed})`,
    });
    const jobs = Math.max(1, options.jobs ?? navigator.hardwareConcurrency ?? 1);
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
      sink,
      signal: options.signal ?? new AbortController().signal,
    });
    const reports = publishReports(project, graph.name, results, sink);
    manifests.save();
    verified.save();
    const nodes = plan.nodes.map((entry) =>
      ledgerNode(
        results.get(entry.node.id)!,
        describeCauses(entry.causes),
        reports.find((r) => r.node === entry.node.id),
      )
    );
    const outcomes = nodes.map((node) => node.outcome);
    const entry: LedgerEntry = {
      runId,
      pipeline: graph.name,
      file: graph.file,
      status: outcomes.includes("interrupted")
        ? "interrupted"
        : outcomes.some((o) => o === "failed" || o === "skipped")
        ? "failed"
        : "ok",
      startedAt: startedAt.toISOString(),
      finishedAt: new Date().toISOString(),
      ms: Date.now() - startedAt.getTime(),
      argv: options.argv ?? [],
      git: await git,
      deno: Deno.version.deno,
      tfjs: tfjsVersion(project.configFile),
      backend: prepared.backend,
      seed: graph.seed,
      jobs,
      overrides: graph.overrides,
      hits: outcomes.filter((o) => o === "hit").length,
      misses: outcomes.filter((o) => o === "miss").length,
      nodes,
      metrics: headlineMetrics(
        nodes.filter((node) => hasHeadlineMetrics(graph.byId.get(node.id)!.task)),
      ),
    };
    appendLedger(project.stateDir, entry);
    return { entry, results, reports };
  } finally {
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
    const report = decodeArtifact(project.store.readObject(record.outputHash)) as ReportFiles;
    const folder = publishReport(
      { outDir: project.outDir, pipeline, nodeId: result.node.id, key: record.key },
      report,
      several,
    );
    sink.emit({ type: "info", message: `report written (node ${result.node.id}): ${folder}` });
    return { node: result.node.id, folder };
  });
}

function ledgerNode(
  result: NodeResult,
  cause: string,
  report?: { folder: string },
): LedgerNode {
  const node: GraphNode = result.node;
  return {
    id: node.id,
    group: node.group,
    kind: node.kind,
    task: node.task.name,
    coords: node.coords,
    key: result.key,
    params: node.params,
    outcome: result.outcome,
    ms: result.ms,
    ...(result.outcome === "hit" && result.record
      ? {
        cached: { runId: result.record.runId, at: result.record.createdAt, ms: result.record.ms },
      }
      : {}),
    outputHash: result.record?.outputHash ?? null,
    warnings: result.warnings,
    metrics: result.metrics,
    ...(result.outcome === "miss" && cause ? { cause } : {}),
    ...(result.reason ? { error: result.reason } : {}),
    ...(report ? { report: report.folder } : {}),
  };
}
