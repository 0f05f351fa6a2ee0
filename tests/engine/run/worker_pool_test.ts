/**
 * A run keeps its task Workers between nodes: a kept Worker runs the next node from tfjs's
 * fresh state, a Worker whose node failed is not kept, and a closed pool keeps nothing.
 */
import assert from "node:assert/strict";
import { runNode, TaskFailure } from "../../../engine/run/node_runner.ts";
import { WorkerPool } from "../../../engine/run/worker_pool.ts";
import { decodeArtifact } from "../../../engine/store/codec.ts";
import type { AnyTask } from "../../../engine/task.ts";
import { tfjsState } from "../../fixtures/engine/tasks/tfjs_state.ts";

async function run(workers: WorkerPool | undefined, fail = false): Promise<unknown> {
  const bytes = await runNode({
    task: tfjsState as AnyTask,
    inputs: {},
    params: { fail },
    context: {
      nodeId: "state",
      pipeline: "fx",
      key: "0".repeat(64),
      coords: {},
      seed: 1,
      backend: "none",
      dataDir: null,
      offline: true,
    },
    signal: new AbortController().signal,
    onProgress: () => {},
    onWarn: () => {},
    onMetric: () => {},
    workers,
  });
  return decodeArtifact(bytes);
}

const fresh = { backend: null, tensors: 0, variables: 0 };

Deno.test("a kept Worker runs the next node from tfjs's fresh state", async () => {
  const workers = new WorkerPool();
  try {
    assert.deepEqual(await run(workers), { nodes: 1, ...fresh });
    // Without the reset the node finds the tensors and fails on the variable's name.
    assert.deepEqual(await run(workers), { nodes: 2, ...fresh }, "the Worker was kept");
    assert.deepEqual(await run(undefined), { nodes: 1, ...fresh }, "no pool: a fresh Worker");
  } finally {
    workers.close();
  }
});

Deno.test("a Worker whose node failed is terminated, not kept", async () => {
  const workers = new WorkerPool();
  try {
    assert.deepEqual(await run(workers), { nodes: 1, ...fresh });
    const error = await run(workers, true).then(() => null, (error) => error);
    assert.ok(error instanceof TaskFailure, String(error));
    assert.match(error.message, /failed on purpose/);
    assert.deepEqual(await run(workers), { nodes: 1, ...fresh }, "a new Worker after the failure");
  } finally {
    workers.close();
  }
});

Deno.test("a closed pool terminates its idle Workers and hands out none", async () => {
  const workers = new WorkerPool();
  await run(workers);
  workers.close();
  assert.throws(() => workers.take(), /the pool is closed/);
});
