/** The verdict rule of the program report on constructed inputs. */
import assert from "node:assert/strict";
import { type VerdictInput, verdictOf } from "../../../evaluation/program/verdict.ts";

const variant = (low: number, high: number, dmHolm: number | null, label = "v") => ({
  label,
  excess: (low + high) / 2,
  excessCi: { low, high },
  dmHolm,
});

const input = (over: Partial<VerdictInput>): VerdictInput => ({
  claim: "beats-always-long",
  alpha: 0.05,
  variants: [variant(-0.02, 0.03, 0.8)],
  snoopingP: 0.5,
  ...over,
});

Deno.test("beats always-long: supported only with a win that survives Holm and SPA", () => {
  const win = [variant(0.01, 0.05, 0.01, "good"), variant(-0.03, 0.01, 0.9, "meh")];
  assert.equal(verdictOf(input({ variants: win, snoopingP: 0.01 })).verdict, "supported");
  // The best of N does not survive the data-snooping test.
  assert.equal(
    verdictOf(input({ variants: win, snoopingP: 0.2 })).verdict,
    "not distinguishable",
  );
  // Interval above zero but the Holm-adjusted DM p-value is not below α.
  assert.equal(
    verdictOf(input({ variants: [variant(0.01, 0.05, 0.06)], snoopingP: 0.01 })).verdict,
    "not distinguishable",
  );
  assert.equal(verdictOf(input({ snoopingP: null, variants: win })).verdict, "not distinguishable");
});

Deno.test("beats always-long: refuted when every variant is significantly worse", () => {
  const worse = [variant(-0.06, -0.01, 0.01), variant(-0.04, -0.001, 0.2)];
  assert.equal(verdictOf(input({ variants: worse })).verdict, "refuted");
  const mixed = [variant(-0.06, -0.01, 0.01), variant(-0.04, 0.001, 0.2)];
  assert.equal(verdictOf(input({ variants: mixed })).verdict, "not distinguishable");
});

Deno.test("no better than always-long: the ablation's claim", () => {
  const claim = "no-better-than-always-long" as const;
  assert.equal(verdictOf(input({ claim })).verdict, "supported");
  assert.equal(
    verdictOf(input({ claim, variants: [variant(0.01, 0.05, 0.01)], snoopingP: 0.01 })).verdict,
    "refuted",
  );
  assert.equal(
    verdictOf(input({ claim, variants: [variant(0.01, 0.05, 0.3)] })).verdict,
    "not distinguishable",
  );
});

Deno.test("the reason names the best variant and the numbers", () => {
  const { reason } = verdictOf(input({
    variants: [variant(0.01, 0.05, 0.01, "good"), variant(-0.03, 0.01, 0.9, "meh")],
    snoopingP: 0.0004,
  }));
  // Negative numbers print with a minus sign, as the tables do.
  assert.match(
    verdictOf(input({ variants: [variant(-0.05, -0.01, 0.2, "bad")], snoopingP: 0.5 })).reason,
    /^best bad −3\.0 pp \[−5\.0, −1\.0\],/,
  );
  assert.equal(
    reason,
    "best good +3.0 pp [+1.0, +5.0], DM Holm p 0.010; 1 of 2 with an interval above " +
      "zero, 1 after Holm; best-of-2 SPA p <0.001",
  );
  assert.throws(() => verdictOf(input({ variants: [] })), /no variant besides the benchmark/);
});
