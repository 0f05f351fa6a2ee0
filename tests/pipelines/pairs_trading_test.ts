/**
 * The claims/pairs-trading pipeline, loaded through the engine's loader and run node by node
 * on a synthetic panel (the fetch node replaced): the claim row's shape, and the two
 * look-ahead checks on the pipeline path itself — the pairs depend on training prices only,
 * and a leak-free β's P&L up to a day does not change when later prices do.
 */
import assert from "node:assert/strict";
import { graphFromDefinition } from "../../engine/declare/loader.ts";
import type { GraphNode } from "../../engine/declare/graph.ts";
import pairsTrading from "../../pipelines/claims/pairs-trading.ts";
import { parseClaimSummary } from "../../evaluation/claims/claim_row.ts";
import type { PairDesign } from "../../models/pairs/pair_design.ts";
import type { PairsBacktest } from "../../models/pairs/pairs_backtest.ts";
import type { PricePanel } from "../../data/panel/load.ts";
import { SeededRandom } from "../../models/tf/rng.ts";
import { recordingContext } from "../tasks/task_context.ts";

function businessDays(from: string, to: string): string[] {
  const out: string[] = [];
  for (let d = new Date(`${from}T00:00:00Z`); d <= new Date(`${to}T00:00:00Z`);) {
    if (d.getUTCDay() % 6 !== 0) out.push(d.toISOString().slice(0, 10));
    d = new Date(d.getTime() + 86_400_000);
  }
  return out;
}

const DATES = businessDays("2014-01-01", "2020-12-31");

/** Log prices: A/B and C/D share a common walk each (cointegrated), E–H are random walks. */
function logPrices(): Record<string, Float64Array> {
  const random = new SeededRandom(5);
  const step = () => 0.012 * (random.next() - 0.5) * 3.4;
  const walk = () => {
    const out = new Float64Array(DATES.length);
    for (let t = 1; t < out.length; t++) out[t] = out[t - 1] + step();
    return out;
  };
  const [u, v, market] = [walk(), walk(), walk()];
  const ar = () => {
    const out = new Float64Array(DATES.length);
    for (let t = 1; t < out.length; t++) out[t] = 0.9 * out[t - 1] + 0.5 * step();
    return out;
  };
  const [e1, e2] = [ar(), ar()];
  const plus = (a: Float64Array, f: (t: number) => number) => a.map((x, t) => x + f(t));
  return {
    "^GSPC": plus(market, () => 7),
    A: plus(u, (t) => 3 + 0.3 * market[t]),
    B: plus(u, (t) => 4 + 0.3 * market[t] + e1[t]),
    C: plus(v, () => 2),
    D: plus(v.map((x) => 1.3 * x), (t) => 3 + e2[t]),
    ...Object.fromEntries(["E", "F", "G", "H"].map((s) => [s, plus(walk(), () => 3)])),
  };
}

function panel(prices: Record<string, Float64Array>): PricePanel {
  const symbols = Object.keys(prices);
  return {
    kind: "price-panel",
    members: symbols.map((symbol, i) => ({ symbol, group: i === 0 ? "index" : "stocks" })),
    series: symbols.map((symbol) => {
      const close = prices[symbol].map(Math.exp);
      return {
        kind: "prices",
        symbol,
        dates: DATES,
        open: close,
        high: close,
        low: close,
        close,
        volume: close.map(() => 1e6),
        source: { provider: "mirror", location: `${symbol}.csv`, sha256: "" },
        fetchedAt: null,
        warnings: [],
      };
    }),
    warnings: [],
  };
}

const OVERRIDES = [
  "pairs-design.trainStart=2014-01-01",
  "pairs-design.trainEnd=2017-12-31",
  "pairs-design.testEnd=2020-12-31",
  "pairs-design.maxPairs=2",
  "pairs-claim.reps=200",
];

async function runAll(prices: Record<string, Float64Array>) {
  const graph = await graphFromDefinition(pairsTrading, {
    file: "pipelines/claims/pairs-trading.ts",
    overrides: OVERRIDES,
  });
  const outputs = new Map<string, unknown>();
  for (const node of graph.nodes as GraphNode[]) {
    if (node.kind === "fetch") {
      outputs.set(node.id, panel(prices));
      continue;
    }
    if (node.kind === "report") continue;
    const inputs = Object.fromEntries(
      Object.entries(node.inputs).map(([name, b]) => [
        name,
        b.kind === "one" ? outputs.get(b.node) : b.nodes.map((id) => ({
          id,
          coords: graph.byId.get(id)!.coords,
          value: outputs.get(id),
        })),
      ]),
    );
    outputs.set(node.id, await node.task.run(inputs, node.params, recordingContext(node.id)));
  }
  return outputs;
}

const backtest = (outputs: Map<string, unknown>, estimator: string) =>
  outputs.get(`pairs-backtest[estimator=${estimator}]`) as PairsBacktest;

Deno.test("claims/pairs-trading: the cointegrated pairs, four β's and a valid claim row", async () => {
  const outputs = await runAll(logPrices());
  const design = outputs.get("pairs-design") as PairDesign;
  const picked = design.selection.pairs.map((p) => [p.y, p.x].sort().join("/")).sort();
  assert.deepEqual(picked, ["A/B", "C/D"]);
  const claim = parseClaimSummary(outputs.get("pairs-claim"));
  assert.equal(claim.claim, 2);
  assert.ok(claim.asPublished!.departures[0].startsWith("full-sample hedge ratio"));
  assert.deepEqual(claim.variants!.map((v) => v.name), ["rolling β", "kalman β"]);
  const rows = backtest(outputs, "expanding").pnl.length;
  assert.equal(claim.leakFree!.rows, rows);
  assert.equal(claim.baseline.estimate.rows, rows);
  assert.ok(backtest(outputs, "expanding").trades > 0);
  assert.deepEqual(claim.details!.rows.map((r) => r[0]), [
    "full-sample",
    "expanding",
    "rolling",
    "kalman",
  ]);
  assert.equal(claim.details!.rows[1][4], String(backtest(outputs, "expanding").trades));
});

Deno.test("claims/pairs-trading: no test-window price picks a pair or moves an earlier P&L", async () => {
  const prices = logPrices();
  const base = await runAll(prices);
  const design = base.get("pairs-design") as PairDesign;
  // Scramble every stock from a day inside the test window on.
  const cut = design.testFrom + 200;
  const random = new SeededRandom(9);
  const changed = Object.fromEntries(
    Object.entries(prices).map(([s, p]) => [
      s,
      p.map((x, t) => (t >= cut ? x + 0.3 * (random.next() - 0.5) : x)),
    ]),
  );
  const other = await runAll(changed);
  assert.deepEqual((other.get("pairs-design") as PairDesign).selection, design.selection);
  // P&L row r is the return over day testFrom + 1 + r: rows before the cut use earlier prices.
  const before = cut - design.testFrom - 1;
  assert.ok(backtest(base, "expanding").pnl.slice(0, before).some((r) => r !== 0), "trades early");
  for (const estimator of ["expanding", "rolling", "kalman"]) {
    assert.deepEqual(
      [...backtest(other, estimator).pnl.slice(0, before)],
      [...backtest(base, estimator).pnl.slice(0, before)],
      estimator,
    );
  }
  // The check has teeth: the full-sample β reads the scrambled days, so its earlier P&L moves.
  assert.notDeepEqual(
    [...backtest(other, "full-sample").pnl.slice(0, before)],
    [...backtest(base, "full-sample").pnl.slice(0, before)],
  );
});
