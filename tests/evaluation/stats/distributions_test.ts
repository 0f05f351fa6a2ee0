import assert from "node:assert/strict";
import {
  logGamma,
  normalCdf,
  studentTCdf,
  studentTTwoSided,
} from "../../../evaluation/stats/distributions.ts";
import { assertClose, STATS_REFERENCE } from "./reference.ts";

Deno.test("normalCdf matches SciPy, tails included", () => {
  for (const [x, expected] of STATS_REFERENCE.normalCdf) {
    // Relative precision matters in the far tail (p-values of large statistics).
    assertClose(normalCdf(x) / expected, 1, `Φ(${x})`, 1e-12);
  }
});

Deno.test("studentTCdf matches SciPy across degrees of freedom", () => {
  for (const [t, df, expected] of STATS_REFERENCE.studentTCdf) {
    assertClose(studentTCdf(t, df), expected, `t cdf(${t}, df=${df})`, 1e-11);
  }
});

Deno.test("t with one degree of freedom is the Cauchy distribution", () => {
  for (const t of [-3, -0.5, 0.25, 2]) {
    assertClose(studentTCdf(t, 1), 0.5 + Math.atan(t) / Math.PI, `Cauchy cdf(${t})`, 1e-13);
  }
  assert.equal(studentTTwoSided(0, 7), 1);
  assert.throws(() => studentTCdf(1, 0), /df > 0/);
});

Deno.test("logGamma reproduces factorials and Γ(1/2) = √π", () => {
  assertClose(logGamma(0.5), Math.log(Math.sqrt(Math.PI)), "lnΓ(1/2)", 1e-14);
  assertClose(logGamma(11), Math.log(3628800), "lnΓ(11)", 1e-14);
  assertClose(logGamma(1), 0, "lnΓ(1)", 1e-14);
});
