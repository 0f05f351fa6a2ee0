/**
 * `fusion/sectors` and `fusion/stocks` declare valid DAGs over one shared study: every model
 * family fitted directly on the index and globally on the constituents of each fold, every
 * fusion method per model and fold, the global multi-scale TSMixer with a series embedding and
 * without (its direct twin without), the per-series ablation (sectors: msmixer and ridge), the
 * evaluation at the paper's fee and a US SPY cost, and the universes are the 11 sector ETFs and the 100 large caps (the latter with its
 * survivorship caveat on every fused result).
 */
import assert from "node:assert/strict";
import { graphFromDefinition } from "../../engine/declare/loader.ts";
import sectors from "../../pipelines/fusion/sectors.ts";
import stocks from "../../pipelines/fusion/stocks.ts";
import { LARGE_CAPS, SECTOR_ETFS } from "../../data/panel/universe.ts";
import { registeredKind } from "../../models/registry.ts";
import {
  FUSION_COSTS,
  FUSION_MODELS,
  FUSION_TEST_YEARS,
  FUSIONS,
  GLOBAL_MODELS,
} from "../../pipelines/studies/fusion_study.ts";

const years = FUSION_TEST_YEARS.length;
const models = Object.keys(FUSION_MODELS).length;
const globals = Object.keys(GLOBAL_MODELS).length;

for (
  const [name, definition, symbols] of [
    ["fusion/sectors", sectors, SECTOR_ETFS],
    ["fusion/stocks", stocks, LARGE_CAPS],
  ] as const
) {
  Deno.test(`${name}: direct and constituent fits, every fusion, two cost levels`, async () => {
    const file = `pipelines/${name}.ts`;
    const graph = await graphFromDefinition(definition, { file, expectedName: null });
    assert.equal(graph.name, name);
    const group = (id: string) => graph.nodes.filter((node) => node.group === id);
    assert.equal(group("always-long").length, years);
    assert.equal(group("direct").length, years * models);
    assert.equal(group("constituents").length, years * globals);
    assert.equal(group("fuse").length, years * globals * Object.keys(FUSIONS).length);
    // The global msmixer embeds the series id; its ablation and the direct msmixer do not.
    const embedding = (id: string, model: string) =>
      group(id).map((n) => (n.params as { model: Record<string, unknown> }).model)
        .filter((m) => m.kind === "multiscale-tsmixer")
        .map((m) => `${model}:${m.seriesEmbedding ?? 0}`);
    assert.deepEqual(
      new Set(embedding("constituents", "global")),
      new Set(["global:4", "global:0"]),
    );
    assert.deepEqual(new Set(embedding("direct", "direct")), new Set(["direct:0"]));
    const costs = group("metrics").map((n) =>
      (n.params as { backtest: { costPerTrade: number } }).backtest.costPerTrade
    );
    assert.deepEqual(costs.sort(), [0.000023, 0.00015]);
    assert.equal(group("report").length, Object.keys(FUSION_COSTS).length);
    const panel = group("panel")[0].params as { groups: Record<string, string[]> };
    assert.deepEqual(Object.values(panel.groups).flat(), [...symbols]);
    const views = group("constituent-view").map((n) => (n.params as { series: string }).series);
    assert.ok(views.every((s) => s === "constituents"));
    const notes = (group("fuse")[0].params as { notes: string[] }).notes.join(" ");
    if (name === "fusion/stocks") assert.match(notes, /[Ss]urvivorship bias/);
    // The per-series ablation (sectors only): one msmixer and one ridge per constituent and
    // fold, fused; none on the stocks (cost).
    const perModels = name === "fusion/sectors" ? 2 : 0;
    assert.equal(group("per-series").length, perModels * symbols.length * years);
    const kinds = group("per-series").map((n) => (n.params as { model: { kind: string } }).model);
    assert.deepEqual(
      [...new Set(kinds.map((m) => m.kind))].sort(),
      perModels ? ["multiscale-tsmixer", "ridge"] : [],
    );
    assert.equal(group("fuse-per-series").length, perModels * years * Object.keys(FUSIONS).length);
    for (const { kind, ...config } of Object.values(GLOBAL_MODELS)) {
      registeredKind(kind).schema.parse(config);
    }
  });
}
