/**
 * `finfusion/program`: it declares every phase with exactly the node ids, parameters and
 * seed of the phase's own pipeline (so their planned cache keys are equal: running a phase
 * and then the program recomputes only the program's nodes), the shared data nodes once,
 * and adding one variant to one phase changes only that variant's nodes and the
 * evaluations and reports downstream of it. Keys are compared as planned, without fits:
 * each node's static key components (task, params, code, seed, backend, fingerprint) hashed
 * with its inputs' planned keys, as the engine's keys chain output hashes.
 */
import assert from "node:assert/strict";
import { openProject } from "../../engine/store/project.ts";
import { type Prepared, preparePipeline } from "../../engine/run/prepare.ts";
import { canonicalJson } from "../../engine/keys/canonical.ts";
import { sha256Hex } from "../../engine/keys/hash.ts";
import { PROGRAM_PHASES } from "../../pipelines/finfusion/program.ts";
import { ADDED_VARIANT } from "./fixtures/program_plus_variant.ts";

const project = openProject({ root: new URL("../..", import.meta.url).pathname });

async function prepare(pipeline: string | { file: string }): Promise<Prepared> {
  return await preparePipeline(project, { pipeline, backend: "wasm", offline: true });
}

/** Planned key per node: static components chained with the upstream planned keys. */
function plannedKeys({ graph, statics }: Prepared): Map<string, string> {
  const keys = new Map<string, string>();
  const visit = (id: string): string => {
    const known = keys.get(id);
    if (known) return known;
    const node = graph.byId.get(id)!;
    const inputs: Record<string, unknown> = {};
    for (const [name, binding] of Object.entries(node.inputs)) {
      inputs[name] = binding.kind === "one"
        ? visit(binding.node)
        : binding.nodes.map((up) => ({ id: up, key: visit(up) }));
    }
    const key = sha256Hex(canonicalJson({ statics: statics.get(id), inputs }));
    keys.set(id, key);
    return key;
  };
  for (const node of graph.nodes) visit(node.id);
  return keys;
}

const program = await prepare("finfusion/program");
const programKeys = plannedKeys(program);

Deno.test("finfusion/program: every phase node appears once, data nodes shared", () => {
  const ids = program.graph.nodes.map((n) => n.id);
  assert.equal(new Set(ids).size, ids.length);
  for (const shared of ["spx", "vix", "macro", "features", "features-all"]) {
    assert.equal(ids.filter((id) => id === shared).length, 1, shared);
  }
  for (const phase of PROGRAM_PHASES) {
    const id = phase.options.id;
    for (const group of ["fit", "predict", "metrics", "replicates", "report"]) {
      assert.ok(program.graph.groups.has(`${id}-${group}`), `${id}-${group}`);
    }
    // Its own folds, or the shared weekly folds (and control) every sharing phase reads.
    const reads = program.graph.byId.get(program.graph.groups.get(`${id}-predict`)![0])!.upstream;
    assert.ok(
      reads.some((up) => up.startsWith(`${id}-fold[`) || up.startsWith("weekly-fold[")),
      id,
    );
  }
  const evaluation = program.graph.byId.get("program")!;
  assert.deepEqual(
    Object.keys(evaluation.inputs).sort(),
    PROGRAM_PHASES.map((p) => p.options.id).sort(),
  );
  for (const [phase, binding] of Object.entries(evaluation.inputs)) {
    const nodes = (binding as { nodes: string[] }).nodes;
    assert.deepEqual(nodes, program.graph.groups.get(`${phase}-metrics`), phase);
  }
  // The report states what the program cut from the reference's design.
  const scope = (evaluation.params as { scope: string[] }).scope;
  assert.ok(scope.some((line) => line.startsWith("Weekly bars only")), scope.join("\n"));
});

for (const phase of PROGRAM_PHASES) {
  const id = phase.options.id;
  Deno.test(`finfusion/program: ${id}'s nodes have the keys of finfusion/${id}`, async () => {
    const alone = await prepare(`finfusion/${id}`);
    const keys = plannedKeys(alone);
    for (const node of alone.graph.nodes) {
      assert.ok(programKeys.has(node.id), `${node.id} is missing from the program`);
      assert.equal(programKeys.get(node.id), keys.get(node.id), node.id);
    }
    // What the program adds beyond the phases: only its own two nodes.
    assert.ok(alone.graph.nodes.length < program.graph.nodes.length);
  });
}

Deno.test("finfusion/program: the phases together are the program less its two nodes", async () => {
  const covered = new Set<string>();
  for (const phase of PROGRAM_PHASES) {
    const alone = await prepare(`finfusion/${phase.options.id}`);
    for (const node of alone.graph.nodes) covered.add(node.id);
  }
  const own = program.graph.nodes.map((n) => n.id).filter((id) => !covered.has(id));
  assert.deepEqual(own.sort(), ["program", "program-report"]);
});

Deno.test("finfusion/program: adding a variant recomputes its nodes and the reports only", async () => {
  const widened = await prepare({ file: "tests/pipelines/fixtures/program_plus_variant.ts" });
  const keys = plannedKeys(widened);
  const changed = [...keys].filter(([id, key]) => programKeys.get(id) !== key).map(([id]) => id);
  const added = changed.filter((id) => !programKeys.has(id));
  // The new variant's fits and predictions: 9 folds × 3 replicates each.
  assert.equal(added.length, 2 * 9 * 3);
  for (const id of added) {
    assert.match(id, new RegExp(`^anti-collapse-(fit|predict)\\[.*model=${ADDED_VARIANT}`));
  }
  const recomputed = changed.filter((id) => programKeys.has(id)).map((id) =>
    widened.graph.byId.get(id)!.group
  );
  assert.deepEqual([...new Set(recomputed)].sort(), [
    "anti-collapse-metrics",
    "anti-collapse-replicates",
    "anti-collapse-report",
    "program",
    "program-report",
  ]);
  // Nothing the program had disappears.
  for (const id of programKeys.keys()) assert.ok(keys.has(id), id);
});

Deno.test("finfusion/program: one plain-TFT control for the phases on the standard folds", () => {
  const fits = program.graph.groups.get("control-fit")!;
  assert.equal(fits.length, 9 * 3, "9 folds × 3 replicates, fitted once");
  const readers = new Set<string>();
  for (const node of program.graph.nodes) {
    if (!node.group.endsWith("-metrics")) continue;
    const read = (node.inputs["fits"] as { nodes: string[] }).nodes;
    if (read.some((id) => id.startsWith("control-predict[") || id.includes("-reselect["))) {
      readers.add(node.group.replace(/-metrics$/, ""));
    }
  }
  assert.deepEqual([...readers].sort(), [
    "anti-collapse",
    "auxiliary-heads",
    "baseline-sweep",
    "checkpoint-rules",
    "regime-attention",
    "regime-output",
  ]);
  // No sharing phase fits a plain TFT of its own.
  for (const phase of readers) {
    for (const id of program.graph.groups.get(`${phase}-fit`)!) {
      assert.doesNotMatch(id, /model=tft[,\]]/, id);
    }
  }
});
