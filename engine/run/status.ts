/** `status` / `--dry-run`: plans without running or locking, and renders each node's state. */
import { describeCauses } from "../keys/causes.ts";
import { Manifests } from "../store/manifests.ts";
import { summarizeNodes } from "../declare/node_names.ts";
import { type Plan, planRun } from "./plan.ts";
import { type Prepared, type PrepareOptions, preparePipeline } from "./prepare.ts";
import type { Project } from "../store/project.ts";
import { resolveSelectors, targetNodes } from "../declare/graph.ts";
import { VerifiedObjects } from "../store/verified.ts";
import { remoteSession } from "../store/remote/session.ts";

export interface StatusOptions extends PrepareOptions {
  force?: string[];
  only?: string[];
}

export interface StatusResult {
  prepared: Prepared;
  plan: Plan;
}

/** A plan and the state it was made with, which a run passes on to `execute`. */
export interface PlannedPipeline {
  plan: Plan;
  verified: VerifiedObjects;
  manifests: Manifests;
  force: Set<string>;
}

/** Plans a prepared pipeline with `--force` and `--only` resolved against its graph. */
export function planPrepared(
  project: Project,
  prepared: Prepared,
  selection: { force?: string[]; only?: string[] },
): PlannedPipeline {
  const { graph } = prepared;
  const verified = new VerifiedObjects(project.store);
  const manifests = new Manifests(project.stateDir, graph.name);
  const force = new Set(resolveSelectors(graph, selection.force ?? [], "--force"));
  const plan = planRun({
    graph,
    store: project.store,
    verified,
    manifests,
    statics: prepared.statics,
    force,
    targets: targetNodes(graph, selection.only ?? []),
  });
  return { plan, verified, manifests, force };
}

export async function pipelineStatus(
  project: Project,
  options: StatusOptions,
): Promise<StatusResult> {
  const prepared = await preparePipeline(project, options);
  // With --store, what the remote store holds is copied in first, so it plans as fresh.
  const problems: string[] = [];
  await remoteSession(project, {
    graph: prepared.graph,
    replan: () => planPrepared(project, prepared, options),
    onWarn: (message) => problems.push(message),
    onInfo: () => {},
  });
  const { plan } = planPrepared(project, prepared, options);
  plan.problems.unshift(...problems);
  return { prepared, plan };
}

/** One JSON-friendly row per node (the `--json` form of `status`). */
export function statusRows(plan: Plan) {
  return plan.nodes.map((entry) => ({
    id: entry.node.id,
    group: entry.node.group,
    kind: entry.node.kind,
    status: entry.status.toUpperCase(),
    recompute: entry.recompute,
    key: entry.key,
    causes: entry.causes,
    rootCauses: entry.rootCauses,
  }));
}

/**
 * The human form: one line per node, FRESH / STALE / MISSING with cause and root cause;
 * MAYBE for a node that recomputes only if an upstream output comes out different.
 */
export function formatStatus(result: StatusResult): string {
  const { plan, prepared } = result;
  const width = Math.max(...plan.nodes.map((entry) => entry.node.id.length), 4);
  const lines = plan.nodes.map((entry) => {
    const shown = entry.recompute === "may" ? "maybe" : entry.status;
    const head = `${shown.toUpperCase().padEnd(7)}  ${entry.node.id.padEnd(width)}`;
    if (entry.status === "fresh") return `${head}  ${entry.key!.slice(0, 12)}`;
    const roots = entry.rootCauses.filter((id) => id !== entry.node.id);
    return `${head}  ${describeCauses(entry.causes)}` +
      (roots.length ? `  [root cause: ${summarizeNodes(prepared.graph, roots)}]` : "");
  });
  const counts = ["fresh", "stale", "missing"].map((status) =>
    `${plan.nodes.filter((entry) => entry.status === status).length} ${status}`
  );
  return [
    `${prepared.graph.name} (${prepared.graph.file}, backend ${prepared.backend}, ` +
    `seed ${prepared.graph.seed}): ${counts.join(", ")}; ${recomputeCounts(plan)}`,
    ...plan.problems.map((problem) => `warning: ${problem}`),
    ...lines,
  ].join("\n");
}

/** "2 will recompute, 7 may recompute": the first for sure, the others only if an upstream
 * output comes out different (early cut-off), so status never overstates a run. */
export function recomputeCounts(plan: Plan): string {
  const count = (recompute: string) =>
    plan.nodes.filter((entry) => entry.recompute === recompute).length;
  return `${count("will")} will recompute, ${count("may")} may recompute`;
}
