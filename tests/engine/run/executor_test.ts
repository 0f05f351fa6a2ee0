/** Scheduling in process: failures, Workers, parallelism, --only, --force, interrupts. */
import assert from "node:assert/strict";
import { join } from "node:path";
import { decodeArtifact } from "../../../engine/store/codec.ts";
import { MemorySink, type RunEvent } from "../../../engine/run/events.ts";
import { openProject, type Project } from "../../../engine/store/project.ts";
import { type RunOptions, runPipeline } from "../../../engine/run/run.ts";
import { pipelineStatus } from "../../../engine/run/status.ts";
import { REPO } from "../fixture_project.ts";

const FIXTURES = join(REPO, "tests", "fixtures", "engine");

async function withProject(test: (project: Project, ran: () => string[]) => Promise<void>) {
  const dir = await Deno.makeTempDir({ prefix: "finfusion-executor-test-" });
  const log = join(dir, "ran.log");
  Deno.env.set("FIXTURE_LOG", log);
  const ran = () => {
    try {
      const lines = Deno.readTextFileSync(log).split("\n").filter((line) => line);
      Deno.removeSync(log);
      return lines.sort();
    } catch {
      return [];
    }
  };
  try {
    await test(
      openProject({ root: FIXTURES, stateDir: join(dir, "state"), outDir: join(dir, "out") }),
      ran,
    );
  } finally {
    Deno.env.delete("FIXTURE_LOG");
    await Deno.remove(dir, { recursive: true });
  }
}

function run(project: Project, options: Partial<RunOptions> & { pipeline: string }) {
  const sink = new MemorySink();
  return runPipeline(project, { backend: "wasm", ...options, sink }).then((summary) => ({
    ...summary,
    events: sink.events,
    outcome: (id: string) => summary.results.get(id)!.outcome,
  }));
}

Deno.test("a failing node stops its downstream and keeps finished siblings' results", async () => {
  await withProject(async (project, ran) => {
    const failed = await run(project, { pipeline: "control", overrides: ["flaky.fail=true"] });
    assert.equal(failed.entry.status, "failed");
    assert.equal(failed.outcome("flaky"), "failed");
    assert.equal(failed.outcome("afterFlaky"), "skipped");
    assert.match(failed.results.get("afterFlaky")!.reason!, /upstream flaky failed/);
    for (const id of ["src", "slow", "sibling", "afterSlow", "afterSibling"]) {
      assert.equal(failed.outcome(id), "miss", id);
    }
    const error = failed.events.find((event) => event.type === "failed") as Extract<
      RunEvent,
      { type: "failed" }
    >;
    assert.equal(error.node, "flaky");
    assert.equal(error.error, "flaky failed on purpose");
    assert.equal(error.unexpected, false, "a plain Error's message is complete");
    assert.match(error.stack!, /^Error: flaky failed on purpose\n\s+at /);
    assert.equal(failed.entry.nodes.find((node) => node.id === "flaky")!.error!, error.error);
    ran();
    const crashed = await run(project, { pipeline: "control", overrides: ["flaky.crash=true"] });
    const bug = crashed.events.find((event) => event.type === "failed") as typeof error;
    assert.equal(bug.unexpected, true, "a TypeError is a bug");
    assert.match(
      bug.stack!,
      /^TypeError: Cannot read properties of undefined.*\n\s+at .*control\.ts/,
    );
    assert.equal(crashed.entry.nodes.find((node) => node.id === "flaky")!.error!, bug.error);
    assert.ok(!bug.error.includes("\n"), "the ledger keeps the message, not the stack");
    ran();
    const fixed = await run(project, { pipeline: "control" });
    assert.equal(fixed.entry.status, "ok");
    assert.deepEqual(ran(), ["afterFlaky", "flaky"]);
  });
});

Deno.test("worker tasks run in Workers, report progress and metrics, and fail cleanly", async () => {
  await withProject(async (project) => {
    const summary = await run(project, { pipeline: "fx", jobs: 2 });
    const fit = summary.results.get("fit[year=2017,model=b]")!;
    const output = decodeArtifact(project.store.readObject(fit.record!.outputHash)) as {
      scope: string;
      backend: string;
      seed: number;
    };
    assert.deepEqual([output.scope, output.backend, output.seed], [
      "DedicatedWorkerGlobalScope",
      "wasm",
      7,
    ]);
    assert.equal(typeof fit.metrics.mae, "number");
    const progress = summary.events.filter((event) => event.type === "progress");
    assert.ok(progress.some((event) => event.node === fit.node.id && event.update.epoch === 3));
    let running = 0;
    let peak = 0;
    for (const event of summary.events) {
      if (event.type === "start") peak = Math.max(peak, ++running);
      if (event.type === "done" && !event.cached) running--;
    }
    assert.equal(peak, 2, "--jobs 2 runs two independent nodes at once, never more");
    const metrics = summary.entry.nodes.find((node) => node.id === "metrics")!;
    assert.deepEqual(metrics.warnings, ["summarized 4 fits"]);
    assert.equal(summary.entry.metrics.best, metrics.metrics.best);

    const broken = await run(project, {
      pipeline: "fx",
      overrides: ["fit.model.fail=true"],
      jobs: 1,
    });
    assert.equal(broken.entry.status, "failed");
    assert.match(broken.results.get("fit[year=2016,model=a]")!.reason!, /inside its Worker/);
    const failure = broken.events.find((event) => event.type === "failed") as Extract<
      RunEvent,
      { type: "failed" }
    >;
    assert.equal(failure.error, "fit failed on purpose inside its Worker");
    assert.equal(failure.unexpected, false);
    assert.match(failure.stack!, /^Error: fit failed on purpose inside its Worker\n\s+at /);
    assert.equal(broken.outcome("metrics"), "skipped");
    assert.equal(broken.outcome("scaled"), "hit");
  });
});

Deno.test("--only runs a node and what it needs; --force recomputes a cached node", async () => {
  await withProject(async (project, ran) => {
    const only = await run(project, { pipeline: "fx", only: ["fold[year=2016]"] });
    assert.deepEqual(only.entry.nodes.map((node) => node.id), ["raw", "scaled", "fold[year=2016]"]);
    assert.deepEqual(ran(), ["fold[year=2016]", "raw", "scaled"]);
    // A forced node whose output is stored is STALE (forced), even without a manifest.
    const planned = await pipelineStatus(project, {
      pipeline: "fx",
      backend: "wasm",
      force: ["scaled"],
    });
    assert.equal(planned.plan.byId.get("scaled")!.status, "stale");
    assert.deepEqual(planned.plan.byId.get("scaled")!.causes.map((cause) => cause.kind), [
      "forced",
    ]);
    Deno.removeSync(join(project.stateDir, "manifests"), { recursive: true });
    const unlisted = await pipelineStatus(project, {
      pipeline: "fx",
      backend: "wasm",
      force: ["raw"],
    });
    assert.equal(unlisted.plan.byId.get("raw")!.status, "stale");
    assert.deepEqual(unlisted.plan.byId.get("raw")!.causes.map((cause) => cause.detail), [
      "forced (--force)",
    ]);
    const forced = await run(project, { pipeline: "fx", only: ["scaled"], force: ["scaled"] });
    assert.equal(forced.outcome("scaled"), "miss");
    assert.equal(forced.outcome("raw"), "hit");
    assert.deepEqual(ran(), ["scaled"]);
    await assert.rejects(
      () => run(project, { pipeline: "fx", only: ["nope"] }),
      /--only nope: no such node/,
    );
  });
});

Deno.test("status before and after runs: MISSING, FRESH, and seed or backend changes", async () => {
  await withProject(async (project) => {
    const before = await pipelineStatus(project, { pipeline: "fx", backend: "wasm" });
    assert.ok(before.plan.nodes.every((entry) => entry.status === "missing"));
    assert.equal(before.plan.byId.get("raw")!.causes[0].detail, "never computed");
    await run(project, { pipeline: "fx" });
    const fresh = await pipelineStatus(project, { pipeline: "fx", backend: "wasm" });
    assert.ok(fresh.plan.nodes.every((entry) => entry.status === "fresh"));
    const cpu = await pipelineStatus(project, { pipeline: "fx", backend: "cpu" });
    const fit = cpu.plan.byId.get("fit[year=2016,model=a]")!;
    assert.equal(fit.status, "stale");
    assert.deepEqual(fit.causes.map((cause) => cause.kind), ["backend"]);
    assert.equal(cpu.plan.byId.get("scaled")!.status, "fresh", "no backend in its key");
    // Only the tasks declared seeded (the fits) have the seed in their key: --seed 8 leaves
    // the data, split and summary nodes cached, and those below the fits may recompute.
    const seeded = await pipelineStatus(project, { pipeline: "fx", backend: "wasm", seed: 8 });
    for (const entry of seeded.plan.nodes) {
      const id = entry.node.id;
      if (id.startsWith("fit[")) {
        assert.equal(entry.status, "stale", id);
        assert.deepEqual(entry.causes.map((cause) => cause.detail), ["seed 7 → 8"], id);
      } else if (id === "metrics" || id === "report") {
        assert.equal(entry.recompute, "may", id);
      } else {
        assert.equal(entry.status, "fresh", id);
        assert.equal(entry.components!.seed, null, id);
      }
    }
  });
});

Deno.test("same seed, code and backend give identical outputs in separate stores", async () => {
  const hashes: string[][] = [];
  for (let i = 0; i < 2; i++) {
    await withProject(async (project) => {
      const summary = await run(project, { pipeline: "fx" });
      hashes.push(summary.entry.nodes.map((node) => `${node.id}=${node.outputHash}`));
    });
  }
  assert.deepEqual(hashes[0], hashes[1]);
});

Deno.test("an interrupted run stops, records itself and leaves a usable store", async () => {
  await withProject(async (project, ran) => {
    const controller = new AbortController();
    const sink = new MemorySink();
    const original = sink.emit.bind(sink);
    sink.emit = (event) => {
      original(event);
      if (event.type === "start" && event.node === "slow") setTimeout(() => controller.abort(), 50);
    };
    const summary = await runPipeline(project, {
      pipeline: "control",
      overrides: ["slow.ms=3000"],
      jobs: 1,
      sink,
      signal: controller.signal,
    });
    assert.equal(summary.entry.status, "interrupted");
    assert.equal(summary.results.get("slow")!.outcome, "interrupted");
    ran();
    const resumed = await run(project, { pipeline: "control", overrides: ["slow.ms=1"] });
    assert.equal(resumed.entry.status, "ok");
    assert.equal(resumed.outcome("src"), "hit");
  });
});

Deno.test("a node past --node-timeout fails naming itself and the limit; its Worker is terminated", async () => {
  await withProject(async (project) => {
    const node = "fit[year=2016,model=a]";
    // Some 10^8 epochs of a millisecond each: a Worker that would run for days.
    const summary = await run(project, {
      pipeline: "fx",
      overrides: ["fit.model.a.epochs=100000000"],
      only: [node],
      // Long enough for the Worker to start and report on a loaded machine.
      nodeTimeoutMs: 5000,
    });
    assert.equal(summary.entry.status, "failed");
    assert.equal(summary.outcome(node), "failed");
    assert.match(
      summary.results.get(node)!.reason!,
      /^node fit\[year=2016,model=a\] did not finish within the 5 s limit \(--node-timeout 5\)/,
    );
    const progress = () => summary.events.filter((e) => e.type === "progress").length;
    assert.ok(progress() > 0, "the Worker was running");
    const before = progress();
    await new Promise((resolve) => setTimeout(resolve, 500));
    assert.equal(progress(), before, "no message from the Worker after the timeout");
  });
});
