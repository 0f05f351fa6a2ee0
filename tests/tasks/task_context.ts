/** A TaskContext for calling node tasks directly in tests; records metrics and warnings. */
import type { TaskContext } from "../../engine/task.ts";

export interface RecordingContext extends TaskContext {
  metrics: Record<string, number>;
  warnings: string[];
}

export function recordingContext(nodeId: string, seed = 7): RecordingContext {
  const metrics: Record<string, number> = {};
  const warnings: string[] = [];
  return {
    nodeId,
    coords: {},
    seed,
    backend: "none",
    dataDir: null,
    offline: true,
    progress: () => {},
    warn: (message) => warnings.push(message),
    metric: (name, value) => (metrics[name] = value),
    signal: new AbortController().signal,
    metrics,
    warnings,
  };
}
