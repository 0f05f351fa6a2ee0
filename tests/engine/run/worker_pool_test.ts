/**
 * A run keeps its task Workers between nodes: a kept Worker resets tfjs before its next
 * node; one whose node failed, or ran on webgpu, or that errs while idle is not kept; a
 * closed pool keeps nothing.
 */
import assert from "node:assert/strict";
import { runNode, TaskFailure } from "../../../engine/run/node_runner.ts";
import { WorkerPool } from "../../../engine/run/worker_pool.ts";
import { decodeArtifact } from "../../../engine/store/codec.ts";
import type { AnyTask } from "../../../engine/task.ts";
import { tfjsState } from "../../fixtures/engine/tasks/tfjs_state.ts";

interface Options {
  fail?: boolean;
  lateError?: boolean;
  backend?: string;
}

async function run(workers: WorkerPool | undefined, options: Options = {}): Promise<unknown> {
  const { fail = false, lateError = false, backend = "none" } = options;
  const bytes = await runNode({
    task: tfjsState as AnyTask,
    inputs: {},
    params: { fail, lateError },
    context: {
      nodeId: "state",
      pipeline: "fx",
      key: "0".repeat(64),
      coords: {},
      seed: 1,
      backend,
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
    const error = await run(workers, { fail: true }).then(() => null, (error) => error);
    assert.ok(error instanceof TaskFailure, String(error));
    assert.match(error.message, /failed on purpose/);
    assert.deepEqual(await run(workers), { nodes: 1, ...fresh }, "a new Worker after the failure");
  } finally {
    workers.close();
  }
});

Deno.test("an error a finished node leaves behind ends its idle Worker, not the run", async () => {
  const workers = new WorkerPool();
  try {
    assert.deepEqual(await run(workers, { lateError: true }), { nodes: 1, ...fresh });
    await new Promise((resolve) => setTimeout(resolve, 200));
    assert.deepEqual(await run(workers), { nodes: 1, ...fresh }, "a new Worker after the error");
  } finally {
    workers.close();
  }
});

Deno.test("a webgpu node's Worker is not kept (only terminating it frees its device)", async () => {
  const workers = new WorkerPool();
  try {
    assert.deepEqual(await run(workers, { backend: "webgpu" }), { nodes: 1, ...fresh });
    assert.deepEqual(await run(workers), { nodes: 1, ...fresh });
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
