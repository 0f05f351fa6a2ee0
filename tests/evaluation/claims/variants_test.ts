import assert from "node:assert/strict";
import { type ClaimSummary, parseClaimSummary } from "../../../evaluation/claims/claim_row.ts";

const estimate = (value: number, departures: string[] = []) => ({
  value,
  low: value - 0.1,
  high: value + 0.1,
  rows: 50,
  pValue: null,
  departures,
});

const row = (): ClaimSummary => ({
  kind: "claim-summary",
  claim: 2,
  title: "Pairs trading",
  source: "a blog post",
  metric: "Sharpe ratio",
  published: "as good",
  asPublished: estimate(1, ["full-sample β"]),
  leakFree: estimate(0.1),
  variants: [{ name: "kalman β", estimate: estimate(0.2) }],
  baseline: { name: "buy-and-hold", estimate: estimate(0.5) },
  verdict: "It does not survive.",
});

Deno.test("variants parse, and a row without them still does", () => {
  assert.deepEqual(parseClaimSummary(row()), row());
  const { variants: _, ...without } = row();
  assert.deepEqual(parseClaimSummary(without), without);
});

Deno.test("a variant is a leak-free run: departures and bad intervals are refused", () => {
  const leaky = { ...row(), variants: [{ name: "kalman β", estimate: estimate(0.2, ["x"]) }] };
  assert.throws(() => parseClaimSummary(leaky), /variant "kalman β" lists departures/);
  const off = { ...row(), variants: [{ name: "k", estimate: { ...estimate(0.2), low: 0.5 } }] };
  assert.throws(() => parseClaimSummary(off), /the k variant interval/);
});

Deno.test("a details table needs as many cells per row as its header", () => {
  const details = { caption: "c", header: ["a", "b"], rows: [["1", "2"]] };
  assert.deepEqual(parseClaimSummary({ ...row(), details }).details, details);
  const ragged = { ...details, rows: [["1"]] };
  assert.throws(() => parseClaimSummary({ ...row(), details: ragged }), /needs 2 cells/);
});
