/**
 * A run keeps its task Workers between nodes: a kept Worker disposes the variables its node
 * left and resets tfjs if tensors remain; one whose node failed, or ran on webgpu, or that
 * errs while idle is not kept; a closed pool keeps nothing.
 */
import assert from "node:assert/strict";
import { runNode, TaskFailure } from "../../../engine/run/node_runner.ts";
import { WorkerPool } from "../../../engine/run/worker_pool.ts";
import { decodeArtifact } from "../../../engine/store/codec.ts";
import type { AnyTask } from "../../../engine/task.ts";
import { tfjsState } from "../../fixtures/engine/tasks/tfjs_state.ts";
import { nodeRequest } from "./node_request.ts";

interface Options {
  leave?: "tensor" | "variable" | "nothing";
  fail?: boolean;
  lateError?: boolean;
  backend?: string;
}

async function run(workers: WorkerPool | undefined, options: Options = {}): Promise<unknown> {
  const { leave = "tensor", fail = false, lateError = false, backend = "none" } = options;
  const params = { leave, fail, lateError };
  return decodeArtifact(
    await runNode(nodeRequest(tfjsState as AnyTask, { params, workers, context: { backend } })),
  );
}

/** Runs `body` on a new pool, closed after it. */
async function withPool(body: (workers: WorkerPool) => Promise<void>): Promise<void> {
  const workers = new WorkerPool();
  try {
    await body(workers);
  } finally {
    workers.close();
  }
}

const fresh = { backend: null, tensors: 0, variables: 0 };

Deno.test("a kept Worker frees what its node left in tfjs before the next node", async () => {
  await withPool(async (workers) => {
    assert.deepEqual(await run(workers), { nodes: 1, ...fresh });
    // Without the reset the node finds the tensors and fails on the variable's name.
    assert.deepEqual(await run(workers), { nodes: 2, ...fresh }, "the Worker was kept");
    assert.deepEqual(await run(undefined), { nodes: 1, ...fresh }, "no pool: a fresh Worker");
  });
});

Deno.test("a node that left no tensors but variables hands its backend on", async () => {
  await withPool(async (workers) => {
    const kept = { backend: "cpu", tensors: 0, variables: 0 };
    assert.deepEqual(await run(workers, { leave: "variable" }), { nodes: 1, ...fresh });
    assert.deepEqual(await run(workers, { leave: "nothing" }), { nodes: 2, ...kept });
    assert.deepEqual(await run(workers), { nodes: 3, ...kept });
    assert.deepEqual(await run(workers), { nodes: 4, ...fresh }, "a stray tensor: tfjs reset");
  });
});

Deno.test("a Worker whose node failed is terminated, not kept", async () => {
  await withPool(async (workers) => {
    assert.deepEqual(await run(workers), { nodes: 1, ...fresh });
    const error = await run(workers, { fail: true }).then(() => null, (error) => error);
    assert.ok(error instanceof TaskFailure, String(error));
    assert.match(error.message, /failed on purpose/);
    assert.deepEqual(await run(workers), { nodes: 1, ...fresh }, "a new Worker after the failure");
  });
});

Deno.test("an error a finished node leaves behind ends its idle Worker, not the run", async () => {
  await withPool(async (workers) => {
    assert.deepEqual(await run(workers, { lateError: true }), { nodes: 1, ...fresh });
    await new Promise((resolve) => setTimeout(resolve, 200));
    assert.deepEqual(await run(workers), { nodes: 1, ...fresh }, "a new Worker after the error");
  });
});

Deno.test("a webgpu node's Worker is not kept (only terminating it frees its device)", async () => {
  await withPool(async (workers) => {
    assert.deepEqual(await run(workers, { backend: "webgpu" }), { nodes: 1, ...fresh });
    assert.deepEqual(await run(workers), { nodes: 1, ...fresh });
  });
});

Deno.test("a closed pool terminates its idle Workers and hands out none", async () => {
  const workers = new WorkerPool();
  await run(workers);
  workers.close();
  assert.throws(() => workers.take(), /the pool is closed/);
});
