/**
 * The pretrained-market-model pipelines (issue 19): each fold's fine-tuning and zero-shot fits
 * take the pretrain node of the same test year as their upstream, the index-only arm and the
 * baselines take none, the pretrain nodes end where their fold's test year starts and use the
 * fold's window length, and `pretrained/pretrain` declares the very same pretrain nodes (same
 * parameters and inputs), so running it first leaves `pretrained/evaluate` only the rest.
 */
import assert from "node:assert/strict";
import { loadPipeline } from "../../engine/declare/loader.ts";
import { REPO } from "../engine/fixture_project.ts";
import { marketGptConfig } from "../../models/market_gpt/config.ts";
import { PRETRAINED_TEST_YEARS } from "../../pipelines/studies/pretrained.ts";

const evaluate = await loadPipeline({ root: REPO, pipeline: "pretrained/evaluate" });
const pretrain = await loadPipeline({ root: REPO, pipeline: "pretrained/pretrain" });
const nodes = (graph: typeof evaluate, group: string) =>
  [...graph.byId.values()].filter((n) => n.id.startsWith(`${group}[`));

Deno.test("pretrained/evaluate: pretrained arms read the same year's pretrain node, the others none", () => {
  const pretrained = nodes(evaluate, "fit-pretrained");
  // Three pretrained arms (zero-shot, head, all) per test year.
  assert.equal(pretrained.length, 3 * PRETRAINED_TEST_YEARS.length);
  for (const node of pretrained) {
    assert.deepEqual(node.inputs.upstream, {
      kind: "one",
      node: `pretrain[testYear=${node.coords.testYear}]`,
    });
    assert.deepEqual(node.inputs.fold, {
      kind: "one",
      node: `train-rows[testYear=${node.coords.testYear}]`,
    });
  }
  for (const node of nodes(evaluate, "fit")) assert.equal(node.inputs.upstream, undefined);
  for (const node of nodes(evaluate, "synthetic")) {
    const year = node.coords.testYear;
    assert.deepEqual(node.inputs.fold, { kind: "one", node: `fold[testYear=${year}]` });
    assert.equal(node.inputs.baselines.kind, "gather");
  }
});

Deno.test("pretrained/evaluate: pretraining matches its fold's year, window and every fit's architecture", () => {
  for (const node of nodes(evaluate, "pretrain")) {
    const params = node.params as { testYear: number; encoderLength: number; model: unknown };
    const fold = evaluate.byId.get(`fold[testYear=${params.testYear}]`)!;
    assert.equal(params.encoderLength, (fold.params as { encoderLength: number }).encoderLength);
    const architecture = marketGptConfig.parse(params.model);
    for (const fit of [...nodes(evaluate, "fit-pretrained"), ...nodes(evaluate, "fit")]) {
      const { kind, fineTune: _f, training: _t, ...config } = (fit.params as {
        model: Record<string, unknown>;
      }).model;
      if (kind !== "market-gpt") continue;
      const parsed = marketGptConfig.parse(config);
      for (const field of ["dModel", "heads", "layers", "feedForward", "quantiles"] as const) {
        assert.deepEqual(parsed[field], architecture[field], `${fit.id}: ${field}`);
      }
    }
  }
});

Deno.test("pretrained/pretrain declares the same pretrain nodes as pretrained/evaluate", () => {
  const own = nodes(pretrain, "pretrain");
  assert.equal(own.length, nodes(evaluate, "pretrain").length);
  for (const node of own) {
    const twin = evaluate.byId.get(node.id)!;
    assert.deepEqual(node.params, twin.params);
    assert.deepEqual(node.inputs, twin.inputs);
    assert.deepEqual(pretrain.byId.get("panel")!.params, evaluate.byId.get("panel")!.params);
  }
});
