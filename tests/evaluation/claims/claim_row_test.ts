import assert from "node:assert/strict";
import { type ClaimSummary, parseClaimSummary } from "../../../evaluation/claims/claim_row.ts";

const estimate = (value: number, rows = 100, departures: string[] = []) => ({
  value,
  low: value - 0.05,
  high: value + 0.05,
  rows,
  pValue: 0.5,
  departures,
});

const row = (): ClaimSummary => ({
  kind: "claim-summary",
  claim: 1,
  title: "Wavelet autoencoder LSTM",
  source: "Bao, Yue & Rao (2017)",
  metric: "direction accuracy",
  published: "0.90–0.95",
  asPublished: estimate(0.7, 100, ["scaler fitted on the whole series"]),
  leakFree: estimate(0.52),
  baseline: { name: "always-long", estimate: estimate(0.54) },
  verdict: "The accuracy does not survive leak-free fitting.",
});

Deno.test("a well-formed claim summary parses unchanged", () => {
  assert.deepEqual(parseClaimSummary(row()), row());
});

Deno.test("an interval that misses its value names the claim and the run", () => {
  const bad = row();
  bad.leakFree = { ...estimate(0.52), low: 0.6, high: 0.7 };
  assert.throws(() => parseClaimSummary(bad), {
    message: /claim 1 \(Wavelet autoencoder LSTM\): the leak-free interval/,
  });
});

Deno.test("a leak-free run may not carry departures", () => {
  const bad = row();
  bad.leakFree = estimate(0.52, 100, ["whole-series scaler"]);
  assert.throws(() => parseClaimSummary(bad), {
    message: /move them to the as-published run/,
  });
});

Deno.test("the baseline must be scored on the leak-free run's rows", () => {
  const bad = row();
  bad.baseline = { name: "always-long", estimate: estimate(0.54, 90) };
  assert.throws(() => parseClaimSummary(bad), { message: /score both on the same rows/ });
});
