import assert from "node:assert/strict";
import { findGaps, inferPeriodicity } from "../../data/gaps.ts";

Deno.test("gaps: periodicity inferred from spacing", () => {
  assert.equal(inferPeriodicity(["2024-01-02", "2024-01-03", "2024-01-04", "2024-01-05"]), "daily");
  assert.equal(
    inferPeriodicity(["2024-01-01", "2024-02-01", "2024-03-01", "2024-04-01"]),
    "monthly",
  );
  assert.equal(
    inferPeriodicity(["2024-01-01", "2024-04-01", "2024-07-01", "2024-10-01"]),
    "quarterly",
  );
});

Deno.test("gaps: the 2001-09-11 closure (4 weekdays) passes, a longer hole is reported", () => {
  const sept2001 = ["2001-09-07", "2001-09-10", "2001-09-17", "2001-09-18"];
  assert.deepEqual(findGaps(sept2001, { label: "^GSPC", maxGapDays: 5 }), []);
  const warnings = findGaps(sept2001, { label: "^GSPC", maxGapDays: 3 });
  assert.equal(warnings.length, 1);
  assert.match(warnings[0], /\^GSPC: gap of 4 trading days between 2001-09-10 and 2001-09-17/);
});

Deno.test("gaps: a missing month of a monthly series is reported (CPI, October 2025)", () => {
  const cpi = ["2025-07-01", "2025-08-01", "2025-09-01", "2025-11-01", "2025-12-01"];
  const warnings = findGaps(cpi, { label: "CPIAUCSL", maxGapDays: 5 });
  assert.equal(warnings.length, 1);
  assert.match(
    warnings[0],
    /CPIAUCSL: gap of 23 trading days between 2025-09-01 and 2025-11-01 \(monthly/,
  );
  assert.match(warnings[0], /; no observation for 2025-10$/);
});
