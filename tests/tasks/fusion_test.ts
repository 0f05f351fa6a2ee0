/**
 * The fusion study's nodes end to end on a small real panel (index, 3 ETFs, 2 stocks; weekly):
 * panel views → real ridge fits (direct and global) → weights → fusion → evaluation, and the
 * errors a miswired node gives.
 */
import assert from "node:assert/strict";
import { panelViewTask } from "../../tasks/fusion_view.ts";
import { fusionWeights } from "../../tasks/fusion_weights.ts";
import { fuseIndex } from "../../tasks/fusion.ts";
import { evaluateFusion } from "../../tasks/fusion_evaluate.ts";
import { fitModel } from "../../tasks/train.ts";
import type { Fold, TrainResult } from "../../models/contract.ts";
import { fakeContext } from "../data/_helpers.ts";
import { smallPanel, smallPanelFold } from "../data/panel/_panel.ts";

const prices = await smallPanel();
const foldOf = (testYear: number) =>
  smallPanelFold(prices, { testYear, trainYears: 6, encoderLength: 8 });

const ctx = (coords: Record<string, string> = {}) => fakeContext({ coords });
const view = (fold: ReturnType<typeof foldOf>, series: "index" | "constituents") =>
  panelViewTask.run({ fold }, panelViewTask.params.parse({ series }), ctx()) as Fold;
const fit = async (fold: Fold, kind: string) =>
  await fitModel.run({ fold }, fitModel.params.parse({ model: { kind } }), ctx()) as TrainResult;

Deno.test("fusion nodes: fused ridge forecasts are scored on the direct forecast's rows", async () => {
  const fold = foldOf(2019);
  const index = view(fold, "index");
  const [benchmark, direct, constituents] = [
    await fit(index, "always-long"),
    await fit(index, "ridge"),
    await fit(view(fold, "constituents"), "ridge"),
  ];
  const weights = await fusionWeights.run(
    { panel: prices, fold },
    fusionWeights.params.parse({ lookbackBars: 13 }),
    ctx(),
  );
  const fused = await fuseIndex.run(
    { fold, forecasts: constituents, weights },
    fuseIndex.params.parse({ fusion: { method: "weighted-decay" }, notes: ["a caveat"] }),
    ctx({ fusion: "decay-dv" }),
  );
  assert.equal(fused.label, "ridge/fused-decay-dv");
  assert.equal(fused.foldId, direct.foldId);
  assert.deepEqual(fused.test.origins, direct.test.origins);
  assert.deepEqual(fused.test.actual, direct.test.actual);
  assert.deepEqual(fused.test.dates, direct.test.dates);
  assert.ok(fused.test.point.every(Number.isFinite));
  assert.equal(typeof fused.fit.summary.decay, "number");
  assert.deepEqual(fused.fit.notes, ["a caveat"]);
  const { decay: _decay, ...w } = fused.explanation!.coefficients!;
  assert.ok(Math.abs(Object.values(w).reduce((s, v) => s + v, 0) - 1) < 1e-9);

  const gathered = (label: string, value: TrainResult) => [{ id: label, coords: {}, value }];
  const metrics = await evaluateFusion.run(
    {
      benchmark: gathered("always-long", benchmark),
      direct: gathered("direct", direct),
      fused: gathered("fuse", fused),
    },
    evaluateFusion.params.parse({
      bootstrapReps: 100,
      comparisons: [{ against: "ridge", losses: ["directional"] }],
    }),
    ctx(),
  );
  const labels = metrics.models.map((m) => m.label);
  assert.deepEqual(labels.sort(), ["always-long", "ridge", "ridge/fused-decay-dv"].sort());
  const base = metrics.models.map((m) => m.pooled.baseRate);
  assert.ok(base.every((b) => b === base[0]), "every forecast is scored on the same rows");
});

Deno.test("fusion nodes: miswired inputs are clear errors naming the node", async () => {
  const fold = foldOf(2019);
  const other = foldOf(2020);
  const constituents = await fit(view(fold, "constituents"), "ridge");
  const weights = await fusionWeights.run(
    { panel: prices, fold: other },
    fusionWeights.params.parse({}),
    ctx(),
  );
  const params = fuseIndex.params.parse({ fusion: { method: "weighted" } });
  assert.throws(
    () => fuseIndex.run({ fold, forecasts: constituents, weights }, params, ctx()),
    /test-node: forecasts \(panel-2019-weekly-constituents\) and weights \(panel-2020-weekly\) must come from fold panel-2019-weekly/,
  );
  assert.throws(
    () => fuseIndex.run({ fold, forecasts: constituents, weights: {} as never }, params, ctx()),
    /test-node: inputs must be \{ fold: a panelFold node/,
  );
  assert.throws(
    () =>
      panelViewTask.run(
        { fold: {} as never },
        panelViewTask.params.parse({ series: "index" }),
        ctx(),
      ),
    /test-node: input "fold" is not a panel fold/,
  );
});
