/**
 * The program's multiple-testing adjustment: Holm and Benjamini–Hochberg over the variants a
 * phase tried, against values computed by hand, on literal p-values and inside the program
 * summary on a constructed phase (where a collapsed variant's undefined PT p-value does
 * not count towards the family size).
 */
import assert from "node:assert/strict";
import { adjustFamily } from "../../../evaluation/program/family.ts";
import type { VariantStats } from "../../../evaluation/program/variants.ts";
import { programSummary } from "../../../evaluation/program/summary.ts";
import { phaseEvaluations } from "./fixture.ts";

const close = (a: number | null, b: number, what: string) =>
  assert.ok(a !== null && Math.abs(a - b) < 1e-12, `${what}: ${a} vs ${b}`);

Deno.test("adjustFamily: Holm and BH of PT and DM p-values, by hand", () => {
  const variant = (
    ptP: number | null,
    dmP: number | null,
  ) => ({ ptP, dmP } as unknown as VariantStats);
  const adjusted = adjustFamily([
    { slice: "", variant: variant(0.01, 0.2) },
    { slice: "", variant: variant(0.04, 0.01) },
    { slice: "", variant: variant(0.03, 0.02) },
    { slice: "", variant: variant(null, 0.5) },
  ]);
  // PT, m = 3 (null left out): sorted 0.01, 0.03, 0.04.
  // Holm: 3·0.01 = 0.03; max(0.03, 2·0.03) = 0.06; max(0.06, 1·0.04) = 0.06.
  assert.deepEqual(adjusted.map((a) => a.ptHolm), [0.03, 0.06, 0.06, null]);
  // BH: 0.04·3/3 = 0.04; min(0.04, 0.03·3/2 = 0.045) = 0.04; min(0.04, 0.01·3/1) = 0.03.
  const ptBh = adjusted.map((a) => a.ptBh);
  close(ptBh[0], 0.03, "BH 0.01");
  close(ptBh[1], 0.04, "BH 0.04");
  close(ptBh[2], 0.04, "BH 0.03");
  assert.equal(ptBh[3], null);
  // DM, m = 4: sorted 0.01, 0.02, 0.2, 0.5. Holm: 0.04, 0.06, 0.4, 0.5.
  const dmHolm = adjusted.map((a) => a.dmHolm);
  [0.4, 0.04, 0.06, 0.5].forEach((v, i) => close(dmHolm[i], v, `DM Holm ${i}`));
  // BH: 0.5; min(0.5, 0.2·4/3); min(·, 0.02·4/2 = 0.04); min(·, 0.01·4 = 0.04).
  const dmBh = adjusted.map((a) => a.dmBh);
  [0.2 * 4 / 3, 0.04, 0.04, 0.5].forEach((v, i) => close(dmBh[i], v, `DM BH ${i}`));
});

Deno.test("programSummary: each phase's p-values are adjusted over its variants", () => {
  const summary = programSummary([{
    id: "toy",
    title: "Toy phase",
    hypothesis: "Hypothesis: skilled beats always-long",
    claim: "beats-always-long",
    control: null,
    gathered: phaseEvaluations(),
  }], 0.05);
  const [phase] = summary.phases;
  const byLabel = new Map(phase.rows.map((r) => [r.label, r]));
  assert.deepEqual([...byLabel.keys()], ["skilled", "contrarian", "flat"]);
  const flat = byLabel.get("flat")!;
  assert.equal(flat.ptP, null, "a forecast that never changes sign has no PT p-value");
  assert.equal(flat.ptHolm, null);
  // PT: a family of two (skilled, contrarian), Holm by hand.
  const [skilled, contrarian] = [byLabel.get("skilled")!, byLabel.get("contrarian")!];
  const [low, high] = [skilled.ptP!, contrarian.ptP!].sort((a, b) => a - b);
  const holmLow = Math.min(1, 2 * low);
  const holmHigh = Math.max(holmLow, Math.min(1, high));
  const expect = (p: number) => (p === low ? holmLow : holmHigh);
  close(skilled.ptHolm, expect(skilled.ptP!), "skilled PT Holm");
  close(contrarian.ptHolm, expect(contrarian.ptP!), "contrarian PT Holm");
  // DM: the flat variant's losses equal always-long's (no variance: no p-value), so the
  // family is again two; Holm by hand.
  assert.equal(flat.dmP, null);
  assert.equal(flat.dmHolm, null);
  const [dmLow, dmHigh] = [skilled.dmP!, contrarian.dmP!].sort((a, b) => a - b);
  const dmHolmLow = Math.min(1, 2 * dmLow);
  const dmExpect = (p: number) => (p === dmLow ? dmHolmLow : Math.max(dmHolmLow, dmHigh));
  close(skilled.dmHolm, dmExpect(skilled.dmP!), "skilled DM Holm");
  close(contrarian.dmHolm, dmExpect(contrarian.dmP!), "contrarian DM Holm");
  close(skilled.dmBh, Math.min(dmHigh, 2 * skilled.dmP!), "skilled DM BH");
  // The skilled variant really is better: excess positive, PT small, up share of the calls.
  assert.ok(skilled.excess > 0.2 && skilled.ptP! < 0.01, `${skilled.excess} ${skilled.ptP}`);
  assert.ok(contrarian.excess < 0);
  assert.equal(flat.upShare, 1);
  assert.deepEqual(flat.patterns, { collapsed: 3 });
  assert.equal(phase.runs, 3 * 3 * 2);
  assert.equal(phase.snooping.length, 1);
  assert.equal(phase.snooping[0].best, "skilled");
  assert.ok(phase.snoopingP! < 0.05, `SPA p ${phase.snoopingP}`);
  assert.equal(phase.verdict, "supported");
});

Deno.test("programSummary: a phase of two slices tests each slice and Bonferronis the SPA", () => {
  const gathered = [
    ...phaseEvaluations({ horizon: "5" }),
    ...phaseEvaluations({ horizon: "10" }),
  ];
  const [phase] = programSummary([{
    id: "toy",
    title: "Toy",
    hypothesis: "Hypothesis: x",
    claim: "beats-always-long",
    control: null,
    gathered,
  }], 0.05).phases;
  assert.deepEqual(phase.snooping.map((s) => s.slice), ["horizon=10", "horizon=5"]);
  assert.equal(phase.rows.length, 6);
  const smallest = Math.min(...phase.snooping.map((s) => s.spaP));
  close(phase.snoopingP, Math.min(1, 2 * smallest), "Bonferroni over slices");
});

Deno.test("programSummary: a phase without evaluations is an error naming it", () => {
  assert.throws(
    () =>
      programSummary([{
        id: "empty",
        title: "x",
        hypothesis: "x",
        claim: "beats-always-long",
        control: null,
        gathered: [],
      }], 0.05),
    /phase "empty" has no gathered evaluations/,
  );
});

Deno.test("programSummary: DM p-values are also Holm-adjusted over the whole program", () => {
  const phase = (id: string) => ({
    id,
    title: id,
    hypothesis: "Hypothesis: x",
    claim: "beats-always-long" as const,
    control: null,
    gathered: phaseEvaluations(),
  });
  const summary = programSummary([phase("a"), phase("b")], 0.05);
  const rows = summary.phases.flatMap((p) => p.rows);
  // Two identical phases: four defined DM p-values (the flat variants have none), in two
  // equal pairs; Holm by hand: the smaller pair gets 4p then max(4p, 3p), the larger pair
  // max(·, 2q) then max(·, q).
  const defined = rows.filter((r) => r.dmP !== null);
  assert.equal(defined.length, 4);
  const [p, q] = [...new Set(defined.map((r) => r.dmP!))].sort((x, y) => x - y);
  const small = Math.min(1, 4 * p);
  const large = Math.max(small, Math.min(1, 2 * q));
  for (const r of defined) close(r.dmHolmProgram, r.dmP === p ? small : large, r.label);
  for (const r of rows.filter((r) => r.dmP === null)) assert.equal(r.dmHolmProgram, null);
});
