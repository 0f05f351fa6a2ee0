/**
 * `fusion/sectors` and `fusion/stocks` declare valid DAGs over one shared study: every model
 * family fitted directly on the index and globally on the constituents of each fold, every
 * fusion method per model and fold, the evaluation at the paper's fee and a US SPY cost, and
 * the universes are the 11 sector ETFs and the 100 large caps (the latter with its
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
} from "../../pipelines/studies/fusion_study.ts";

const years = FUSION_TEST_YEARS.length;
const models = Object.keys(FUSION_MODELS).length;

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
    assert.equal(group("constituents").length, years * models);
    assert.equal(group("fuse").length, years * models * Object.keys(FUSIONS).length);
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
    // The per-series ablation (sectors only): one ridge per constituent and fold, fused.
    const perSeries = name === "fusion/sectors" ? symbols.length * years : 0;
    assert.equal(group("per-series").length, perSeries);
    assert.equal(
      group("fuse-per-series").length,
      perSeries ? years * Object.keys(FUSIONS).length : 0,
    );
    for (const { kind, ...config } of Object.values(FUSION_MODELS)) {
      registeredKind(kind).schema.parse(config);
    }
  });
}
