/**
 * The combined claims/report pipeline: it loads (no id clash between claims), keeps claim 3's
 * nodes exactly as claims/million-models declares them (same ids and parameters, so the same
 * cache keys under the same seed), and claim 3's summary row is built from a search summary.
 */
import assert from "node:assert/strict";
import { graphFromDefinition } from "../../engine/declare/loader.ts";
import report, { CLAIMS } from "../../pipelines/claims/report.ts";
import millionModels from "../../pipelines/claims/million-models.ts";
import pairsTrading from "../../pipelines/claims/pairs-trading.ts";
import clsGuide from "../../pipelines/claims/cls-guide.ts";
import waveletLstm from "../../pipelines/claims/wavelet-lstm.ts";
import sameDay from "../../pipelines/claims/same-day-features.ts";
import { SEARCH_SNOOPING, searchClaim } from "../../evaluation/claims/search_claim.ts";
import { summariseSearch } from "../../evaluation/model_search/summary.ts";
import type { ChunkResult } from "../../models/search/chunk.ts";
import { SeededRandom } from "../../models/tf/rng.ts";

const load = (definition: unknown, file: string) =>
  graphFromDefinition(definition, { file, overrides: [] });

Deno.test("claims/report declares every claim once, each ending in one claim node", async () => {
  const graph = await load(report, "pipelines/claims/report.ts");
  const ids = graph.nodes.map((n) => n.id);
  assert.equal(new Set(ids).size, ids.length);
  const claimNodes = graph.nodes.filter((n) => n.kind === "claim").map((n) => n.id);
  assert.deepEqual(claimNodes.sort(), [
    "cls-claim",
    "million-claim",
    "pairs-claim",
    "sd-claim",
    "wav-claim",
  ]);
  const collector = graph.byId.get("claims")!;
  assert.deepEqual(Object.keys(collector.inputs).sort(), Object.keys(CLAIMS).sort());
  assert.equal(report.meta.seed, millionModels.meta.seed);
  assert.equal(report.meta.seed, pairsTrading.meta.seed);
  assert.equal(report.meta.seed, clsGuide.meta.seed);
  assert.equal(report.meta.seed, waveletLstm.meta.seed);
  assert.equal(report.meta.seed, sameDay.meta.seed);
});

Deno.test("claims/report keeps each claim's nodes as its own pipeline declares them", async () => {
  const combined = await load(report, "pipelines/claims/report.ts");
  for (
    const [definition, file] of [
      [millionModels, "pipelines/claims/million-models.ts"],
      [pairsTrading, "pipelines/claims/pairs-trading.ts"],
      [waveletLstm, "pipelines/claims/wavelet-lstm.ts"],
      [sameDay, "pipelines/claims/same-day-features.ts"],
    ] as const
  ) {
    const own = await load(definition, file);
    for (
      const node of own.nodes.filter((n) =>
        n.kind !== "report" && n.kind !== "evaluate" ||
        n.id === "metrics"
      )
    ) {
      const twin = combined.byId.get(node.id);
      assert.ok(twin, `${file}: ${node.id} is missing from claims/report`);
      assert.deepEqual(twin.params, node.params, node.id);
      assert.equal(twin.task.name, node.task.name, node.id);
      assert.deepEqual(twin.inputs, node.inputs, node.id);
    }
  }
});

Deno.test("claim 3's row: the test-day pick flagged as snooping, the validation pick leak-free", () => {
  const n = 300;
  const rng = new SeededRandom(4);
  const returns = Float64Array.from({ length: n }, () => 0.0004 + 0.01 * rng.normal());
  const models = 20;
  const chunk: ChunkResult = {
    kind: "search-chunk",
    chunk: 0,
    specs: Array.from({ length: models }, () => ({
      family: "rule" as const,
      rule: "momentum" as const,
      lookback: 5,
    })),
    names: Array.from({ length: models }, (_, m) => `model ${m}`),
    validationAccuracy: Float64Array.from({ length: models }, (_, m) => 0.5 + m / 1000),
    testCalls: Uint8Array.from({ length: models * n }, () => rng.int(2)),
    testRows: n,
  };
  const summary = summariseSearch([chunk], {
    testReturns: returns,
    testDates: Array.from(
      { length: n },
      (_, t) => `2020-01-${String(1 + (t % 28)).padStart(2, "0")}`,
    ),
    validationBaseRate: 0.53,
    validationSpan: ["2018-01-02", "2019-12-31"],
    trainSpan: ["2000-01-03", "2017-12-29"],
  }, { reps: 200, meanBlock: 5, seed: 7, costPerTrade: 0, top: 3 });
  const row = searchClaim(summary);
  assert.equal(row.asPublished!.value, summary.bestOutOfSample.testAccuracy);
  assert.deepEqual(row.asPublished!.departures, [SEARCH_SNOOPING]);
  assert.equal(row.leakFree!.value, summary.bestInSample[0].testAccuracy);
  assert.equal(row.baseline.estimate.value, summary.alwaysLong.testAccuracy);
  const p = row.leakFree!.value;
  assert.ok(Math.abs(row.leakFree!.high! - (p + 1.96 * Math.sqrt(p * (1 - p) / n))) < 1e-12);
  assert.ok(row.asPublished!.value >= row.leakFree!.value, "the test-day pick is the best there");
});
