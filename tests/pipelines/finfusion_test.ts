/**
 * The finfusion phase DAGs (`pipelines/finfusion/`) load and validate: each states its
 * hypothesis, fits every variant on the nine rolling folds with configs its kind accepts,
 * and the frozen-backbone phase wires each stage-2 fit to the stage-1 fit of its own fold.
 */
import assert from "node:assert/strict";
import { graphFromDefinition } from "../../engine/declare/loader.ts";
import type { PipelineGraph } from "../../engine/declare/graph.ts";
import { registeredKind } from "../../models/registry.ts";
import { DEFAULT_TEST_YEARS } from "../../tasks/split.ts";
import { PHASE_REPLICATES } from "../../pipelines/studies/finfusion_phase.ts";
import antiCollapse from "../../pipelines/finfusion/anti-collapse.ts";
import frozenBackbone from "../../pipelines/finfusion/frozen-backbone.ts";
import regimeAttention from "../../pipelines/finfusion/regime-attention.ts";
import staleness from "../../pipelines/finfusion/staleness.ts";
import regimeOutput from "../../pipelines/finfusion/regime-output.ts";
import auxiliaryHeads from "../../pipelines/finfusion/auxiliary-heads.ts";
import multiHorizon from "../../pipelines/finfusion/multi-horizon.ts";
import featureAblation from "../../pipelines/finfusion/feature-ablation.ts";
import checkpointRules from "../../pipelines/finfusion/checkpoint-rules.ts";
import stalenessAttention from "../../pipelines/finfusion/staleness-attention.ts";
import baselineSweep from "../../pipelines/finfusion/baseline-sweep.ts";

const PHASES = {
  "anti-collapse": antiCollapse,
  "regime-attention": regimeAttention,
  "frozen-backbone": frozenBackbone,
  "staleness": staleness,
  "regime-output": regimeOutput,
  "auxiliary-heads": auxiliaryHeads,
  "multi-horizon": multiHorizon,
  "feature-ablation": featureAblation,
  "checkpoint-rules": checkpointRules,
  "staleness-attention": stalenessAttention,
  "baseline-sweep": baselineSweep,
};

/**
 * Forecasts a phase reads from the shared control's fits: 1 (the control's own) in a
 * sharing phase; checkpoint-rules re-selects 4 rules from them instead.
 */
const RESELECTED: Partial<Record<keyof typeof PHASES, number>> = { "checkpoint-rules": 4 };

/** Phases on the standard weekly folds with the plain TFT as control: they share it. */
const SHARING = [
  "anti-collapse",
  "baseline-sweep",
  "regime-attention",
  "regime-output",
  "auxiliary-heads",
  "checkpoint-rules",
];

/** Evaluations (and reports) per phase: one per swept horizon or feature set. */
const EVALUATIONS: Partial<Record<keyof typeof PHASES, number>> = {
  "multi-horizon": 3,
  "feature-ablation": 3,
};

async function load(name: keyof typeof PHASES): Promise<PipelineGraph> {
  const file = `pipelines/finfusion/${name}.ts`;
  return await graphFromDefinition(PHASES[name], { file, expectedName: null });
}

function fitsByModel(graph: PipelineGraph, phase: string): Map<string, string[]> {
  const out = new Map<string, string[]>();
  const groups = [`${phase}-fit`, "control-fit"];
  for (const node of graph.nodes.filter((n) => groups.includes(n.group))) {
    const { model, testYear, replicate, ...rest } = node.coords;
    if (replicate !== "0") continue;
    const key = [model, ...Object.values(rest)].join("|");
    out.set(key, [...(out.get(key) ?? []), testYear]);
    const { kind, ...config } = (node.params as { model: { kind: string } }).model;
    registeredKind(kind).schema.parse(config);
  }
  return out;
}

for (const name of Object.keys(PHASES) as (keyof typeof PHASES)[]) {
  Deno.test(`finfusion/${name}: states a hypothesis; every variant on the nine folds`, async () => {
    const graph = await load(name);
    assert.equal(graph.name, `finfusion/${name}`);
    assert.match(graph.description ?? "", /^Hypothesis: /);
    const fits = fitsByModel(graph, name);
    assert.ok(fits.size >= 2, `${name}: ${[...fits.keys()]}`);
    for (const [model, years] of fits) {
      assert.deepEqual(years.sort(), DEFAULT_TEST_YEARS.map(String).sort(), `${name} ${model}`);
    }
    const group = (suffix: string) => graph.nodes.filter((n) => n.group === `${name}-${suffix}`);
    // Every fit under the three replicates (seeds) of PHASE_REPLICATES.
    const seeds = new Set(group("fit").map((n) => n.coords.replicate));
    assert.deepEqual([...seeds].sort(), PHASE_REPLICATES.map(String));
    // A sharing phase fits its own models; the control's forecasts come from control-fit.
    const sharing = SHARING.includes(name);
    assert.equal(graph.groups.has("control-fit"), sharing, "control-fit");
    assert.equal(graph.groups.has(`${name}-fold`), !sharing, "the phase's own folds");
    const own = fits.size - (sharing ? 1 : 0);
    const fromControl = sharing ? RESELECTED[name] ?? 1 : 0;
    const years = DEFAULT_TEST_YEARS.length;
    assert.equal(group("predict").length, own * years * PHASE_REPLICATES.length);
    const evaluations = EVALUATIONS[name] ?? 1;
    // One evaluation per replicate (and horizon or feature set), pooled per horizon or set.
    assert.equal(group("metrics").length, evaluations * PHASE_REPLICATES.length);
    assert.equal(group("replicates").length, evaluations);
    assert.equal(group("report").length, evaluations);
    for (const metrics of group("metrics")) {
      const gathered = (input: string) =>
        (metrics.inputs[input] as { nodes: string[] } | undefined)?.nodes ?? [];
      assert.equal(
        gathered("fits").length + gathered("moreFits").length,
        (own + fromControl) * years / evaluations,
        metrics.id,
      );
    }
    for (const pooled of group("replicates")) {
      const gathered = pooled.inputs["metrics"] as { nodes: string[] };
      assert.equal(gathered.nodes.length, PHASE_REPLICATES.length, pooled.id);
    }
  });
}

Deno.test("finfusion/frozen-backbone: each stage-2 fit reads its own fold's stage-1 model", async () => {
  const graph = await load("frozen-backbone");
  const stage1 = graph.nodes.filter((n) => n.group === "frozen-backbone-stage-1");
  assert.equal(stage1.length, DEFAULT_TEST_YEARS.length);
  for (const fit of graph.nodes.filter((n) => n.group === "frozen-backbone-fit")) {
    const upstream = fit.upstream.filter((id) => id.startsWith("frozen-backbone-stage-1"));
    assert.equal(upstream.length, 1, fit.id);
    const read = graph.byId.get(upstream[0])!;
    assert.equal(read.coords.testYear, fit.coords.testYear, fit.id);
    const model = (fit.params as { model: { fineTune?: string } }).model;
    assert.ok(model.fineTune === "head" || model.fineTune === "all", fit.id);
  }
});

Deno.test("finfusion/staleness: the folds read the staleness features the frame computes", async () => {
  const graph = await load("staleness");
  const fold = graph.nodes.find((n) => n.group === "staleness-fold")!;
  const features = (fold.params as { features: string[] }).features;
  for (const name of ["days_since_cpi", "cpi_is_fresh", "days_since_unrate", "unrate_is_fresh"]) {
    assert.ok(features.includes(name), name);
  }
  const frame = graph.nodes.find((n) => n.group === "features-all")!;
  const computed = (frame.params as { features: string[] }).features;
  assert.ok(features.every((f) => computed.includes(f)));
});

Deno.test("finfusion/multi-horizon: one evaluation per horizon, each over one horizon", async () => {
  const graph = await load("multi-horizon");
  const metrics = graph.nodes.filter((n) => n.group === "multi-horizon-metrics");
  assert.deepEqual(
    [...new Set(metrics.map((m) => m.coords.horizon))].sort(),
    ["10", "30", "5"],
  );
  for (const m of metrics) {
    const fits = m.inputs["fits"] as { nodes: string[] };
    for (const id of fits.nodes) assert.equal(graph.byId.get(id)!.coords.horizon, m.coords.horizon);
  }
});

Deno.test("finfusion/checkpoint-rules: no TFT fit of its own; rules re-selected from the control", async () => {
  const graph = await load("checkpoint-rules");
  const fits = graph.nodes.filter((n) => n.group === "control-fit");
  assert.equal(fits.length, DEFAULT_TEST_YEARS.length * PHASE_REPLICATES.length);
  for (const fit of fits) {
    const { training } = (fit.params as { model: { training: { keepCheckpoints: string[] } } })
      .model;
    assert.deepEqual(training.keepCheckpoints, ["val-loss", "diversity", "val-da", "composite"]);
  }
  const reselected = graph.nodes.filter((n) => n.group === "checkpoint-rules-reselect");
  assert.equal(reselected.length, 4 * fits.length);
  for (const predict of reselected) {
    const fit = graph.byId.get(predict.upstream.find((id) => id.startsWith("control-fit"))!)!;
    assert.equal(fit.coords.testYear, predict.coords.testYear, predict.id);
    assert.equal(fit.coords.replicate, predict.coords.replicate, predict.id);
    assert.equal((predict.params as { checkpoint: string }).checkpoint, predict.coords.checkpoint);
  }
  const own = graph.nodes.filter((n) => n.group === "checkpoint-rules-fit");
  assert.deepEqual([...new Set(own.map((n) => n.coords.model))], ["always-long"]);
});

Deno.test("finfusion/auxiliary-heads: the folds keep raw VIX as a label series, not an input", async () => {
  const graph = await load("auxiliary-heads");
  const fold = graph.nodes.find((n) => n.group === "weekly-fold")!;
  assert.deepEqual((fold.params as { labelSeries: string[] }).labelSeries, ["vix"]);
  const targets = graph.nodes.filter((n) => n.group === "auxiliary-heads-fit")
    .map((n) =>
      (n.params as { model: { auxiliaryHead?: { thresholds?: number[]; target: string } } })
        .model.auxiliaryHead
    )
    .filter((head) => head?.target === "vol-regime")
    .map((head) => JSON.stringify(head!.thresholds));
  assert.deepEqual([...new Set(targets)].sort(), ["[15,25]", "[25]"]);
});
