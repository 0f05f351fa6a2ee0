/**
 * The pretraining corpus: no series' data on or after the fold's cut-off enters it, the
 * held-out index never appears in it or in any batch, each series is scaled on its own
 * window, and pretraining is deterministic per seed and blind to the index and the future.
 */
import assert from "node:assert/strict";
import { initBackend } from "../../../models/tf/backend.ts";
import { buildCorpus, type CorpusOptions } from "../../../models/market_gpt/pretrain/corpus.ts";
import { drawBatch } from "../../../models/market_gpt/pretrain/batches.ts";
import { pretrain } from "../../../models/market_gpt/pretrain/pretrain.ts";
import { marketGptConfig } from "../../../models/market_gpt/config.ts";
import { SeededRandom } from "../../../models/tf/rng.ts";
import { changed, futureChanged, series, syntheticPanel } from "./synthetic_panel.ts";

await initBackend("wasm");

const CUTOFF = "2018-01-01";
const options: CorpusOptions = {
  parts: ["return", "range"],
  from: "2013-01-01",
  cutoff: CUTOFF,
  clipStd: 5,
  minRows: 100,
  holdOut: [],
  encoderLength: 8,
};
const panel = syntheticPanel();

Deno.test("corpus: no bar on or after the cut-off enters, and a different future changes nothing", () => {
  const corpus = buildCorpus(panel, options);
  for (const s of corpus.series) {
    assert.ok(s.dates.every((d) => d < CUTOFF && d >= options.from), `${s.symbol} dates`);
  }
  assert.ok(corpus.lastDate < CUTOFF);
  const future = changed(panel, () => true, (s) => futureChanged(s, CUTOFF));
  assert.deepEqual(buildCorpus(future, options), corpus);
  // A change one day before the cut-off does reach it (the test can fail).
  const lastDay = corpus.lastDate;
  const before = changed(panel, (s) => s === "A", (s) => futureChanged(s, lastDay));
  assert.notDeepEqual(buildCorpus(before, options), corpus);
});

Deno.test("corpus: the held-out index is in no series and no batch, and its data changes nothing", () => {
  const corpus = buildCorpus(panel, { ...options, holdOut: ["B"] });
  const symbols = corpus.series.map((s) => s.symbol);
  assert.ok(!symbols.includes("^IDX") && !symbols.includes("B"));
  assert.deepEqual(corpus.excluded.map((e) => e.symbol).sort(), ["B", "LATE", "^IDX"]);
  const random = new SeededRandom(3);
  const seen = new Set<string>();
  for (let i = 0; i < 200; i++) {
    for (const k of drawBatch(corpus, { encoderLength: 8, size: 16, random }).series) {
      seen.add(corpus.series[k].symbol);
    }
  }
  assert.deepEqual([...seen].sort(), ["A", "VIXLIKE"]);
  const otherIndex = changed(panel, (s) => s === "^IDX", (s) => series(s.symbol, s.dates, 99));
  assert.deepEqual(buildCorpus(otherIndex, { ...options, holdOut: ["B"] }), corpus);
});

Deno.test("corpus: each series is standardised on its own window; a close-only series has no range target", () => {
  const corpus = buildCorpus(panel, options);
  for (const s of corpus.series) {
    const returns = Array.from({ length: s.dates.length }, (_, i) => s.targets[i * 2])
      .filter(Number.isFinite);
    const mean = returns.reduce((a, b) => a + b, 0) / returns.length;
    const sd = Math.sqrt(returns.reduce((a, b) => a + (b - mean) ** 2, 0) / returns.length);
    assert.ok(Math.abs(mean) < 1e-3 && Math.abs(sd - 1) < 0.02, `${s.symbol}: ${mean}, ${sd}`);
  }
  const vix = corpus.series.find((s) => s.symbol === "VIXLIKE")!;
  assert.ok(
    Array.from({ length: vix.dates.length }, (_, i) => vix.targets[i * 2 + 1]).every(Number.isNaN),
  );
  const batch = drawBatch(corpus, { encoderLength: 8, size: 64, random: new SeededRandom(1) });
  for (let b = 0; b < 64; b++) {
    const isVix = corpus.series[batch.series[b]].symbol === "VIXLIKE";
    const mask = batch.rangeMask.subarray(b * 8, b * 8 + 8);
    assert.ok(mask.every((m) => m === (isVix ? 0 : 1)));
  }
});

Deno.test("pretrain: deterministic per seed, and blind to the index and to bars after the cut-off", async () => {
  const config = marketGptConfig.parse({ dModel: 8, heads: 2, layers: 1, feedForward: 8 });
  const run = async (p = panel, seed = 5) =>
    await pretrain(buildCorpus(p, options), {
      config,
      encoderLength: 8,
      steps: 6,
      batchSize: 8,
      learningRate: 1e-2,
      seed,
      every: 3,
    });
  const first = await run();
  assert.deepEqual(await run(), first);
  assert.notDeepEqual((await run(panel, 6)).weights, first.weights);
  const other = changed(
    changed(panel, (s) => s === "^IDX", (s) => series(s.symbol, s.dates, 42)),
    (s) => s !== "^IDX",
    (s) => futureChanged(s, CUTOFF),
  );
  assert.deepEqual((await run(other)).weights, first.weights);
  assert.equal(first.history.length, 2);
  assert.ok(first.history.every((h) => Number.isFinite(h.loss) && h.loss > 0));
});
