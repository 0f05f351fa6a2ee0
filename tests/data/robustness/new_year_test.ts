import assert from "node:assert/strict";
import { buildFeatureFrame } from "../../../data/frame.ts";
import { rollingFold as planRolling } from "../../../data/folds/rolling.ts";
import { sliceByDate } from "../../../data/snapshot.ts";
import { PRICE_COLUMNS } from "../../../data/snapshot.ts";
import { rollingFold } from "../../../tasks/split.ts";
import { fakeContext, FRAME_DEFAULTS, realInputs, ROLLING_DEFAULTS } from "../_helpers.ts";

// The data as it stood a year earlier: everything cut at 2023-12-31.
const full = await realInputs();
const cut = (end: string) => ({
  spx: sliceByDate(full.spx, [...PRICE_COLUMNS], { end }),
  vix: sliceByDate(full.vix, [...PRICE_COLUMNS], { end }),
  macro: {
    ...full.macro,
    series: full.macro.series.map((s) => sliceByDate(s, ["values"], { end })),
  },
});
const options = { ...FRAME_DEFAULTS, frequency: "weekly" as const };
const before = buildFeatureFrame(cut("2023-12-31"), options);
const after = buildFeatureFrame(full, options);

Deno.test("new year: a year of new data leaves every earlier fold byte-identical", () => {
  for (let testYear = 2016; testYear <= 2023; testYear++) {
    const a = planRolling(before, { ...ROLLING_DEFAULTS, testYear }).fold;
    const b = planRolling(after, { ...ROLLING_DEFAULTS, testYear }).fold;
    assert.deepEqual(a, b, `fold ${testYear}`);
  }
  assert.equal(
    planRolling(after, { ...ROLLING_DEFAULTS, testYear: 2024 }).fold.splits.test.length,
    52,
  );
});

Deno.test("new year: a test year past the data says what to fetch and how", () => {
  assert.throws(
    () => planRolling(before, { ...ROLLING_DEFAULTS, testYear: 2024 }),
    (error: Error) =>
      /testYear=2024: no bars to test in 2024-01-01\.\.2025-01-01/.test(error.message) &&
      /the data ends before the test period/.test(error.message) &&
      /--data DIR/.test(error.message) && /Adding a test year/.test(error.message),
  );
});

Deno.test("new year: a partly covered test year is scored with a warning", async () => {
  const partial = buildFeatureFrame(cut("2024-06-30"), options);
  const ctx = fakeContext();
  const params = rollingFold.params.parse({ testYear: 2024 });
  const fold = await rollingFold.run({ features: partial }, params, ctx);
  assert.equal(fold.dates.at(-1), "2024-06-28");
  assert.ok(
    ctx.warnings.some((w) => /test year 2024 is incomplete: the data ends 2024-06-28/.test(w)),
    ctx.warnings.join("\n"),
  );
  const whole = fakeContext();
  await rollingFold.run({ features: after }, params, whole);
  assert.deepEqual(whole.warnings, []);
});
