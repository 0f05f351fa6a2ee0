import assert from "node:assert/strict";
import { buildFeatureFrame, FEATURE_NAMES, type FrameOptions } from "../../data/frame.ts";
import { sliceByDate } from "../../data/snapshot.ts";
import { FRAME_DEFAULTS, realInputs } from "./_helpers.ts";

const inputs = await realInputs();
const options: FrameOptions = { ...FRAME_DEFAULTS, frequency: "weekly" };

Deno.test("frame: one finite row per bar after the warm-up, ret first, dates ascending", () => {
  for (const frequency of ["daily", "weekly"] as const) {
    const frame = buildFeatureFrame(inputs, { ...options, frequency });
    assert.equal(frame.kind, "feature-frame");
    assert.deepEqual(frame.past.names, [...FEATURE_NAMES]);
    for (let t = 1; t < frame.dates.length; t++) {
      assert.ok(frame.dates[t] > frame.dates[t - 1]);
      assert.ok(frame.ordinal[t] > frame.ordinal[t - 1]);
      assert.equal(inputs.spx.dates[frame.ordinal[t]], frame.dates[t]);
      const expected = frame.close[t] / frame.close[t - 1] - 1;
      assert.ok(Math.abs(frame.target[t] - expected) < 1e-15);
    }
    for (const column of [...frame.past.columns, ...frame.known.columns, frame.target]) {
      assert.equal(column.length, frame.dates.length);
      assert.ok(column.every(Number.isFinite));
    }
    assert.deepEqual(frame.past.columns[0], frame.target, "ret is the observed target");
    assert.ok(frame.regime.every((label) => frame.regimeLabels.includes(label)));
    assert.equal(frame.dates.at(-1), frequency === "daily" ? "2024-12-31" : "2024-12-27");
    // The 200-day trend needs 200 closes from 1990-01-02: the first complete row is in October.
    assert.ok(frame.dates[0] > "1990-10-01" && frame.dates[0] < "1990-11-01", frame.dates[0]);
    assert.deepEqual(frame.warnings, []);
  }
});

Deno.test("frame: deterministic, and 'ret' is kept when features are chosen", () => {
  const a = buildFeatureFrame(inputs, { ...options, features: ["vix", "cpi_yoy"] });
  const b = buildFeatureFrame(inputs, { ...options, features: ["vix", "cpi_yoy"] });
  assert.deepEqual(a, b);
  assert.deepEqual(a.past.names, ["ret", "vix", "cpi_yoy"]);
  assert.deepEqual(Object.keys(a.publication).sort(), ["CPIAUCSL", "VIXCLS"]);
});

Deno.test("frame: VIX comes from FRED VIXCLS when no vix price input is given", () => {
  const withVix = buildFeatureFrame(inputs, options);
  const fromFred = buildFeatureFrame({ ...inputs, vix: null }, options);
  assert.deepEqual(fromFred.past, withVix.past);
});

Deno.test("frame: bad inputs and holes in the data give errors naming what to fix", () => {
  assert.throws(
    () => buildFeatureFrame({ ...inputs, spx: inputs.macro as never }, options),
    /feature input "spx" must be a fetchPrices snapshot/,
  );
  const close = inputs.vix.close.slice();
  close[inputs.vix.dates.indexOf("2015-06-05")] = NaN;
  assert.throws(
    () => buildFeatureFrame({ ...inputs, vix: { ...inputs.vix, close } }, options),
    /feature "vix" is NaN on 2015-06-05 after the warm-up rows/,
  );
  const damaged = { ...inputs, spx: { ...inputs.spx, dates: inputs.spx.dates.slice(0, 100) } };
  assert.throws(
    () => buildFeatureFrame(damaged, options),
    /"spx": open has 8817 rows but there are 100 dates/,
  );
  const spx = sliceByDate(inputs.spx, ["open", "high", "low", "close", "volume"], {
    end: "1990-06-30",
  });
  assert.throws(() => buildFeatureFrame({ ...inputs, spx }, options), /no complete feature rows/);
});

Deno.test("frame: a macro series that stops early is reported as stale", () => {
  const macro = {
    ...inputs.macro,
    series: inputs.macro.series.map((s) => {
      if (s.id !== "DGS10") return s;
      const keep = s.dates.filter((d) => d <= "2024-06-28").length;
      return { ...s, dates: s.dates.slice(0, keep), values: s.values.slice(0, keep) };
    }),
  };
  const frame = buildFeatureFrame({ ...inputs, macro }, { ...options, features: ["dgs10"] });
  assert.equal(frame.warnings.length, 1);
  assert.match(
    frame.warnings[0],
    /^DGS10: bars 2024-07-1\d\.\.2024-12-27 still see the observation of 2024-06-28/,
  );
});
