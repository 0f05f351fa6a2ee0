import assert from "node:assert/strict";
import { claimsSection } from "../../reports/sections/claims.ts";
import { claimNumber } from "../../reports/claims_rows.ts";
import { type ClaimInputs, collectClaims } from "../../tasks/claims/collect.ts";
import type { ClaimSummary } from "../../evaluation/claims/claim_row.ts";
import type { EvaluationMetrics } from "../../evaluation/evaluation.ts";
import type {} from "../../evaluation/claims/claims_evaluation.ts";
import { recordingContext } from "../tasks/task_context.ts";
import { renderReport, reportParams } from "../../tasks/report.ts";

const estimate = (value: number, departures: string[] = []) => ({
  value,
  low: value - 0.02,
  high: value + 0.02,
  rows: 487,
  pValue: null,
  departures,
});

const claim = (n: number): ClaimSummary => ({
  kind: "claim-summary",
  claim: n,
  title: `Claim number ${n}`,
  source: "a source",
  metric: "direction accuracy",
  published: "90%",
  asPublished: estimate(0.8, ["scaler fitted on the whole dataset"]),
  leakFree: estimate(0.51),
  baseline: { name: "always-long", estimate: estimate(0.53) },
  verdict: `Verdict ${n}.`,
});

const identity = { nodeId: "claims-report", pipeline: "claims/report", key: null };

function collect(inputs: Record<string, unknown>): EvaluationMetrics {
  return collectClaims.run(
    inputs as ClaimInputs,
    {},
    recordingContext("claims"),
  ) as EvaluationMetrics;
}

Deno.test("collector: rows in claim order; a malformed or repeated claim names its input", () => {
  const metrics = collect({ claim5: claim(5), claim2: claim(2) });
  assert.deepEqual(metrics.claims!.map((c) => c.claim), [2, 5]);
  assert.throws(
    () => collect({ claim2: claim(2), claim3: { kind: "x" } }),
    /input "claim3" is not a claim/,
  );
  assert.throws(() => collect({ claim3: claim(2) }), /input "claim3" holds claim 2/);
  assert.throws(() => collect({ claim1: undefined }), /no claims/);
});

Deno.test("claims section: published, as published flagged, leak-free, baseline, verdict", () => {
  const metrics = collect({ claim2: claim(2) });
  const md = claimsSection.markdown({ metrics, identity }).join("\n\n");
  assert.match(md, /## Claims audit/);
  assert.match(
    md,
    /\| \*\*ours, as published\*\* ⚠ \| ⚠ scaler fitted on the whole dataset \| 0\.800 \| \[0\.780, 0\.820\] \| 487 /,
  );
  assert.match(md, /\| ours, leak-free \| none \| 0\.510 \| \[0\.490, 0\.530\] \| 487 \| – \|/);
  assert.match(md, /\| baseline: always-long \| none \| 0\.530 /);
  assert.match(md, /\*\*Verdict 2\.\*\*/);
  const detailed = collect({
    claim2: {
      ...claim(2),
      details: { caption: "Per run.", header: ["x", "y"], rows: [["p", "1"]] },
    },
  });
  const withTable = claimsSection.markdown({ metrics: detailed, identity }).join("\n\n");
  assert.match(withTable, /Per run\.\n\n\| x \| y \|\n\|---\|---\|\n\| p \| 1 \|/);
  const html = claimsSection.html({ metrics, identity, figures: () => "" }).join("");
  assert.match(html, /<td class="bad">ours, as published<\/td><td class="bad">scaler/);
  assert.match(html, /<td class="bad">scaler fitted on the whole dataset<\/td>/);
});

Deno.test("claims section: left out without claims; small numbers in scientific notation", () => {
  const metrics = collect({ claim2: claim(2) });
  const { claims: _, ...without } = metrics;
  assert.deepEqual(claimsSection.markdown({ metrics: without, identity }), []);
  assert.equal(claimNumber(6.4e-5), "6.40e-5");
  assert.equal(claimNumber(-0.875), "-0.875");
});

Deno.test("a claims report renders end to end: overview line, claims section, run without folds", async () => {
  const metrics = collect({ claim2: claim(2), claim5: claim(5) });
  const params = reportParams.parse({ title: "Claims", sections: ["claims", "run"] });
  const { files } = await renderReport.run({ metrics }, params, recordingContext("claims-report"));
  const md = files["summary.md"] as string;
  assert.match(md, /Claims audit: 2 published claim\(s\), each re-run as published and leak-free/);
  assert.match(md, /### Claim 2: Claim number 2[\s\S]*### Claim 5: Claim number 5/);
  assert.doesNotMatch(md, /walk-forward|\| fold \|/);
  const html = files["index.html"] as string;
  assert.match(html, /<td class="bad">ours, as published<\/td>/);
});
