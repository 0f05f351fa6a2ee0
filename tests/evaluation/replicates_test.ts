/**
 * Replicates pooled (`evaluation/replicates.ts`, `tasks/replicates.ts`): per-replicate
 * evaluations of the same rows in, accuracy over every seed's calls beside always-long,
 * the excess with a bootstrap interval, the spread across seeds and across folds; errors
 * for evaluations that cannot be pooled.
 */
import assert from "node:assert/strict";
import type { Gathered } from "../../engine/task.ts";
import type { TrainResult } from "../../models/contract.ts";
import { evaluateFits } from "../../evaluation/evaluate.ts";
import type { EvaluationMetrics } from "../../evaluation/evaluation.ts";
import { poolReplicateMetrics, replicatesOf } from "../../evaluation/replicates.ts";
import { DEFAULT_SETTINGS } from "../../evaluation/settings.ts";
import { poolReplicates } from "../../tasks/replicates.ts";
import { replicatesSection } from "../../reports/sections/replicates.ts";
import { buildFits } from "./fixtures.ts";
import { recordingContext } from "../tasks/task_context.ts";

const settings = { ...DEFAULT_SETTINGS, bootstrapReps: 400 };
const years = [2019, 2020, 2021];

/** The fixture's fits with the TFT's calls flipped on every `every`-th row (another seed). */
function reseeded(every: number): Gathered<TrainResult> {
  return buildFits({ years, horizon: 1 }).map((entry) => {
    if (entry.value.label !== "tft" || every === 0) return entry;
    const point = Float32Array.from(entry.value.test.point, (p, i) => i % every === 0 ? -p : p);
    return { ...entry, value: { ...entry.value, test: { ...entry.value.test, point } } };
  });
}

const perReplicate = [0, 3, 5].map((every) => evaluateFits(reseeded(every), settings));
const gathered = (metrics: EvaluationMetrics[], replicates = [0, 1, 2]) =>
  metrics.map((value, k) => ({
    id: `metrics[replicate=${replicates[k]}]`,
    coords: { replicate: String(replicates[k]) },
    value,
  }));

Deno.test("pooled accuracy is over every seed's calls, beside always-long on the same rows", () => {
  const pooled = poolReplicateMetrics(gathered(perReplicate));
  const summary = replicatesOf(pooled)!;
  assert.deepEqual(summary.replicates, [0, 1, 2]);
  assert.equal(summary.shown, 0);
  assert.equal(pooled.models, perReplicate[0].models, "the other sections show replicate 0");
  const tft = summary.models.find((m) => m.label === "tft")!;
  const own = perReplicate.map((m) => m.models.find((x) => x.label === "tft")!.pooled);
  // Same rows in every replicate: pooled DA is the mean of the replicates' DAs.
  assert.ok(Math.abs(tft.da - (own[0].da! + own[1].da! + own[2].da!) / 3) < 1e-12);
  assert.ok(Math.abs(tft.baseRate - own[0].baseRate!) < 1e-12);
  assert.ok(Math.abs(tft.excess - (tft.da - tft.baseRate)) < 1e-12);
  tft.excessBySeed.forEach((e, k) => assert.ok(Math.abs(e - own[k].excess!) < 1e-12));
  assert.ok(tft.seedStd! > 0, "flipped calls differ between seeds");
  assert.ok(tft.excessCi!.low < tft.excess && tft.excess < tft.excessCi!.high);
  assert.equal(tft.excessByFold.length, years.length);
  assert.equal(tft.replicates, 3);
  assert.equal(tft.n, own[0].n);
  const lstm = summary.models.find((m) => m.label === "lstm")!;
  assert.equal(lstm.seedStd, 0, "an unchanged model has no spread across seeds");
  assert.equal(lstm.collapsed, 3, "the fixture's LSTM is collapsed in every replicate");
  const long = summary.models.find((m) => m.label === "always-long")!;
  assert.equal(long.benchmark, true);
  assert.ok(Math.abs(long.excess) < 1e-12);
});

Deno.test("pooling is deterministic and independent of the gathered order", () => {
  const a = poolReplicateMetrics(gathered(perReplicate));
  const b = poolReplicateMetrics(gathered([...perReplicate].reverse(), [2, 1, 0]));
  assert.deepEqual(a.replicates, b.replicates);
});

Deno.test("evaluations that cannot be pooled are errors naming the node", () => {
  const noCoord = gathered(perReplicate).map((g) => ({ ...g, coords: {} }));
  assert.throws(() => poolReplicateMetrics(noCoord), /no replicate coordinate/);
  assert.throws(() => poolReplicateMetrics([]), /no evaluations were gathered/);
  const fewer = { ...perReplicate[1], models: perReplicate[1].models.slice(1) };
  assert.throws(
    () => poolReplicateMetrics(gathered([perReplicate[0], fewer])),
    /metrics\[replicate=1\] evaluates models/,
  );
  const otherRows = evaluateFits(buildFits({ years: [2019, 2020], horizon: 1 }), settings);
  assert.throws(
    () => poolReplicateMetrics(gathered([perReplicate[0], otherRows])),
    /scored other rows than in the first replicate/,
  );
});

Deno.test("evaluate.replicates records headlines; the report section renders the table", async () => {
  const ctx = recordingContext("replicates");
  const pooled = await poolReplicates.run({ metrics: gathered(perReplicate) }, {}, ctx);
  const tft = replicatesOf(pooled)!.models.find((m) => m.label === "tft")!;
  assert.equal(ctx.metrics["tft.pooled_excess"], tft.excess);
  assert.equal(ctx.metrics["tft.seed_std"], tft.seedStd);
  assert.equal(ctx.metrics["always-long.pooled_excess"], undefined, "the benchmark is not judged");
  const input = { metrics: pooled, identity: { nodeId: "r", pipeline: null, key: null } };
  const markdown = replicatesSection.markdown(input).join("\n");
  assert.match(markdown, /## Seeds pooled/);
  assert.match(markdown, /\| tft \| 3 \|/);
  assert.match(markdown, /always-long \(benchmark\)/);
  assert.match(markdown, /Every other section of this report shows replicate 0 alone/);
  assert.deepEqual(replicatesSection.markdown({ ...input, metrics: perReplicate[0] }), []);
  assert.throws(
    () => poolReplicates.run({ metrics: perReplicate[0] as never }, {}, ctx),
    /must be gathered per-replicate evaluations/,
  );
});
