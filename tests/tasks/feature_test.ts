import assert from "node:assert/strict";
import { buildFeatures } from "../../tasks/feature.ts";
import { FEATURE_NAMES } from "../../data/frame.ts";
import { sliceByDate } from "../../data/snapshot.ts";
import { fakeContext, realInputs } from "../data/_helpers.ts";

const inputs = await realInputs();

Deno.test("feature params: documented defaults, strict, validated lag overrides", () => {
  assert.deepEqual(buildFeatures.params.parse({}), {
    frequency: "weekly",
    features: [...FEATURE_NAMES],
    publication: {},
    maxGapDays: 5,
    regime: { vixThreshold: 25, trendDays: 200 },
  });
  const params = buildFeatures.params.parse({
    frequency: "daily",
    publication: { CPIAUCSL: { rule: "day-of-month-after", months: 1, day: 15 } },
    regime: { vixThreshold: 30 },
  });
  assert.deepEqual(params.regime, { vixThreshold: 30, trendDays: 200 });
  assert.throws(() => buildFeatures.params.parse({ features: ["rsi_15"] }));
  assert.throws(() => buildFeatures.params.parse({ frequency: "monthly" }));
  assert.throws(() =>
    buildFeatures.params.parse({ publication: { CPIAUCSL: { rule: "whenever" } } })
  );
  assert.throws(() => buildFeatures.params.parse({ regime: { vix: 30 } }), /Unrecognized key/);
});

Deno.test("buildFeatures: weekly frame from the fetch snapshots, overrides on the record", async () => {
  const ctx = fakeContext();
  const params = buildFeatures.params.parse({
    publication: { CPIAUCSL: { rule: "day-of-month-after", months: 1, day: 15 } },
  });
  const frame = await buildFeatures.run(inputs, params, ctx);
  assert.equal(frame.frequency, "weekly");
  assert.equal(frame.dates.at(-1), "2024-12-27");
  assert.deepEqual(frame.publication.CPIAUCSL, { rule: "day-of-month-after", months: 1, day: 15 });
  assert.deepEqual(frame.publication.UNRATE, {
    rule: "weekday-of-month-after",
    months: 1,
    weekday: 5,
    onOrAfterDay: 5,
  });
  assert.equal(
    frame.regimeRule,
    "stress if VIX >= 25; else bull if close >= SMA200 of daily closes, else bear",
  );
  assert.deepEqual(ctx.warnings, []);
});

Deno.test("buildFeatures: staleness warnings reach ctx.warn", async () => {
  const ctx = fakeContext();
  const macro = {
    ...inputs.macro,
    series: inputs.macro.series.filter((s) => s.id !== "FEDFUNDS").concat([{
      ...inputs.macro.series.find((s) => s.id === "FEDFUNDS")!,
      dates: ["2023-01-01"],
      values: new Float64Array([4.33]),
    }]),
  };
  const params = buildFeatures.params.parse({ features: ["fedfunds"] });
  const frame = await buildFeatures.run({ ...inputs, macro }, params, ctx);
  assert.equal(frame.dates[0], "2023-02-03", "rows start once January's fed funds is out");
  assert.equal(ctx.warnings.length, 1);
  assert.match(
    ctx.warnings[0],
    /^FEDFUNDS: bars 2023-03-\d\d\.\.2024-12-27 still see the observation of 2023-01-01/,
  );
  ctx.warnings.length = 0;
  const daily = buildFeatures.params.parse({ frequency: "daily", features: ["vix"] });
  const vix = sliceByDate(inputs.vix, ["open", "high", "low", "close", "volume"], {
    end: "2024-12-16",
  });
  await buildFeatures.run({ ...inputs, vix, macro: { ...inputs.macro, series: [] } }, daily, ctx);
  assert.equal(ctx.warnings.length, 1);
  assert.match(
    ctx.warnings[0],
    /^VIXCLS: bars 2024-12-2\d\.\.2024-12-31 still see the observation of 2024-12-16/,
  );
});
