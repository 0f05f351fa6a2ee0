/** A task runs inline or in a Worker, and fails the same way in both. */
import assert from "node:assert/strict";
import { runNode, TaskFailure } from "../../../engine/run/node_runner.ts";
import { unstorableInline, unstorableInWorker } from "../../fixtures/engine/tasks/unstorable.ts";
import type { AnyTask } from "../../../engine/task.ts";
import { nodeRequest } from "./node_request.ts";
import { decodeArtifact } from "../../../engine/store/codec.ts";
import {
  seededInline,
  unseededInline,
  unseededInWorker,
} from "../../fixtures/engine/tasks/seed_reader.ts";

function run(task: AnyTask) {
  return runNode(nodeRequest(task, { context: { nodeId: "table" } }));
}

Deno.test("an output the store cannot encode fails alike inline and in a Worker", async () => {
  const failures: TaskFailure[] = [];
  for (const task of [unstorableInline, unstorableInWorker] as AnyTask[]) {
    const error = await run(task).then(() => null, (error) => error);
    assert.ok(error instanceof TaskFailure, `${task.name}: ${error}`);
    failures.push(error);
  }
  const [inline, worker] = failures.map((failure) => failure.detail);
  assert.match(
    inline.message,
    /^cannot store the output: output at \$\.table contains a Map; outputs must be plain data/,
  );
  assert.equal(worker.message, inline.message);
  assert.deepEqual([inline.unexpected, worker.unexpected], [false, false]);
  assert.match(worker.stack!, /contains a Map/);
});

Deno.test("only a task declared seeded may read ctx.seed, inline and in a Worker", async () => {
  assert.deepEqual(decodeArtifact(await run(seededInline as AnyTask)), { seed: 1 });
  for (const task of [unseededInline, unseededInWorker] as AnyTask[]) {
    const error = await run(task).then(() => null, (error) => error);
    assert.ok(error instanceof TaskFailure, `${task.name}: ${error}`);
    assert.match(
      error.message,
      new RegExp(`task "${task.name}" reads ctx\\.seed but is not declared seeded: add`),
    );
  }
});
