/**
 * What a run, `status` or `cache gc` does with `--store s3://…`: open the remote store (the
 * S3 client is loaded only then, so local runs never load it), pull what the plan misses,
 * and later push what the run stored. Without `--store` every function here is a no-op.
 */
import type { NodeResult } from "../../run/node_result.ts";
import type { PlannedPipeline } from "../../run/status.ts";
import type { PipelineGraph } from "../../declare/graph.ts";
import type { Project } from "../project.ts";
import { RemoteStore } from "./remote_store.ts";
import { pull, type Pulled, push } from "./sync.ts";

export interface RemoteSession {
  remote: RemoteStore;
  pulled: Pulled;
  /**
   * Publishes the outputs of a finished run that the remote store lacks; returns how many.
   * `stored`: objects the run verified in the remote store (not sent again).
   */
  push(results: Iterable<NodeResult>, stored?: ReadonlySet<string>): Promise<number>;
}

export async function openRemote(url: string): Promise<RemoteStore> {
  const { S3Backend } = await import("./s3_backend.ts");
  return new RemoteStore(new S3Backend(url));
}

export interface SessionOptions {
  graph: PipelineGraph;
  replan: () => Pick<PlannedPipeline, "plan" | "force">;
  onWarn: (message: string) => void;
  onInfo: (message: string) => void;
}

/** Pulls what the plan misses from the project's remote store; null without one. */
export async function remoteSession(
  project: Project,
  options: SessionOptions,
): Promise<RemoteSession | null> {
  if (!project.remoteUrl) return null;
  const remote = await openRemote(project.remoteUrl);
  const force = options.replan().force;
  const pulled = await pull(project, remote, {
    graph: options.graph,
    replan: () => options.replan().plan,
    force,
    onWarn: options.onWarn,
  });
  if (pulled.count) {
    options.onInfo(`remote store ${remote.url}: pulled ${pulled.count} cached outputs`);
  }
  return {
    remote,
    pulled,
    push: async (results, stored) => {
      const records = [...results].filter((result) =>
        (result.outcome === "hit" || result.outcome === "miss") && result.record
      ).map((result) => result.record!);
      const count = await push(project, remote, records, pulled, stored);
      if (count) options.onInfo(`remote store ${remote.url}: pushed ${count} outputs`);
      return count;
    },
  };
}
