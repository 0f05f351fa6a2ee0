/** A request for `runNode` in tests: quiet callbacks and a context of the test's own. */
import type { NodeRunRequest } from "../../../engine/run/node_runner.ts";
import type { ContextData } from "../../../engine/run/worker_protocol.ts";
import type { AnyTask } from "../../../engine/task.ts";

type Overrides = Partial<Omit<NodeRunRequest, "task" | "context">> & {
  context?: Partial<ContextData>;
};

export function nodeRequest(task: AnyTask, overrides: Overrides = {}): NodeRunRequest {
  const { context, ...request } = overrides;
  return {
    task,
    inputs: {},
    params: {},
    signal: new AbortController().signal,
    onProgress: () => {},
    onWarn: () => {},
    onMetric: () => {},
    ...request,
    context: {
      nodeId: "node",
      pipeline: "fx",
      key: "0".repeat(64),
      coords: {},
      seed: 1,
      backend: "none",
      dataDir: null,
      offline: true,
      ...context,
    },
  };
}
