/**
 * The `latency` node (`tasks/latency.ts`, `models/latency/`): a table of Mamba and the CLS
 * Transformer at every asked length with positive timings, peak memory and recurrent latency,
 * exponents fitted from those rows; joined to an evaluation for the report's section, with
 * clear errors for bad params and inputs. Timings are not asserted (a measurement).
 */
import assert from "node:assert/strict";
import { measureLatencyNode, withLatency } from "../../tasks/latency.ts";
import { scalingExponent } from "../../models/latency/measure.ts";
import { latencySection } from "../../reports/sections/latency.ts";
import type { LatencyTable } from "../../models/latency/table.ts";
import { evaluateFits } from "../../evaluation/evaluate.ts";
import { DEFAULT_SETTINGS } from "../../evaluation/settings.ts";
import { buildFits } from "../evaluation/fixtures.ts";
import { recordingContext } from "./task_context.ts";

const params = measureLatencyNode.params.parse({
  lengths: [16, 32, 64],
  fitFrom: 32,
  width: 4,
  depth: 1,
  samples: 2,
  epochs: 1,
});

Deno.test("latency params: defaults are the issue's lengths; too few lengths is an error", () => {
  const defaults = measureLatencyNode.params.parse({});
  assert.deepEqual(defaults.lengths, [60, 250, 1000, 4000]);
  assert.equal(defaults.fitFrom, 250);
  assert.deepEqual([defaults.samples, defaults.epochs, defaults.width, defaults.depth], [
    4,
    1,
    16,
    2,
  ]);
  assert.equal(measureLatencyNode.params.safeParse({ lengths: [60] }).success, false);
  assert.equal(measureLatencyNode.params.safeParse({ colour: 1 }).success, false);
});

Deno.test("the latency node measures both networks at every length and fits k", async () => {
  const ctx = { ...recordingContext("latency"), backend: "wasm" };
  const table = await measureLatencyNode.run({}, params, ctx);
  assert.equal(table.kind, "latency-table");
  assert.deepEqual(
    table.rows.map((r) => `${r.arch}@${r.length}`),
    [
      "mamba@16",
      "mamba@32",
      "mamba@64",
      "cls-transformer@16",
      "cls-transformer@32",
      "cls-transformer@64",
    ],
  );
  for (const row of table.rows) {
    assert.ok(row.secPerEpoch > 0 && row.inferMs > 0 && row.peakMiB > 0, JSON.stringify(row));
    assert.equal(row.batch, 2, "batch 4, capped at the samples");
  }
  for (const e of table.exponents) {
    const mine = table.rows.filter((r) => r.arch === e.arch);
    const long = mine.filter((r) => r.length >= 32);
    assert.equal(
      e.train,
      scalingExponent(mine.map((r) => r.length), mine.map((r) => r.secPerEpoch)),
    );
    assert.equal(
      e.trainLong,
      scalingExponent(long.map((r) => r.length), long.map((r) => r.secPerEpoch)),
    );
    assert.ok(Number.isFinite(e.infer) && Number.isFinite(e.inferLong!));
    assert.equal(ctx.metrics[`${e.arch}.latency_k`], e.train);
  }
  assert.ok(table.recurrentMs > 0);
  assert.equal(ctx.metrics["mamba.recurrent_ms"], table.recurrentMs);

  const metrics = evaluateFits(buildFits({ years: [2019, 2020] }), {
    ...DEFAULT_SETTINGS,
    bootstrapReps: 100,
  });
  const joined = await withLatency.run({ metrics, latency: table }, {}, recordingContext("join"));
  assert.equal(joined.latency, table);
  assert.equal(joined.models, metrics.models);
  const input = { metrics: joined, identity: { nodeId: "r", pipeline: null, key: null } };
  const markdown = latencySection.markdown(input).join("\n");
  assert.match(markdown, /## Latency/);
  assert.match(markdown, /\| mamba \| 64 \| 2 \|/);
  assert.match(markdown, /not bit-reproducible/);
  assert.deepEqual(latencySection.markdown({ ...input, metrics }), []);
  assert.throws(
    () => withLatency.run({ metrics, latency: {} as LatencyTable }, {}, recordingContext("join")),
    /join: input "latency" is not a latency table/,
  );
});
