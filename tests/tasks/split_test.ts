import assert from "node:assert/strict";
import { rollingFold, walkForwardFold } from "../../tasks/split.ts";
import { buildFeatures } from "../../tasks/feature.ts";
import type { FeatureFrame } from "../../data/frame.ts";
import { fakeContext, realInputs } from "../data/_helpers.ts";

const features = await buildFeatures.run(
  await realInputs(),
  buildFeatures.params.parse({ frequency: "weekly" }),
  fakeContext(),
) as FeatureFrame;

Deno.test("split params: documented defaults; testYear and step are required", () => {
  assert.deepEqual(rollingFold.params.parse({ testYear: 2016 }), {
    testYear: 2016,
    trainYears: 10,
    validationYears: 1,
    encoderLength: 12,
    horizon: 1,
    embargo: 0,
    features: null,
    laggedTarget: true,
    clipStd: 5,
    validationFraction: null,
  });
  assert.deepEqual(walkForwardFold.params.parse({ step: 0 }), {
    step: 0,
    start: "2006-01-01",
    initialYears: 4,
    stepMonths: 6,
    testMonths: null,
    validationMonths: 12,
    encoderLength: 12,
    horizon: 1,
    embargo: 0,
    features: null,
    laggedTarget: true,
    clipStd: 5,
    validationFraction: null,
  });
  assert.throws(() => rollingFold.params.parse({}));
  assert.throws(() => walkForwardFold.params.parse({}));
  assert.throws(
    () => rollingFold.params.parse({ testYear: 2016, trainYear: 5 }),
    /Unrecognized key/,
  );
  assert.throws(() => rollingFold.params.parse({ testYear: 2016, validationFraction: 1 }));
  assert.throws(() => rollingFold.params.parse({ testYear: 2016, features: ["vix_level"] }));
  assert.deepEqual(
    rollingFold.params.parse({ testYear: 2016, features: ["vix", "dgs10"] }).features,
    ["vix", "dgs10"],
  );
});

Deno.test("rollingFold task: returns exactly a Fold and reports its origins", async () => {
  const ctx = fakeContext();
  const fold = await rollingFold.run(
    { features },
    rollingFold.params.parse({ testYear: 2022, horizon: 4, embargo: 1 }),
    ctx,
  );
  assert.deepEqual(Object.keys(fold).sort(), [
    "dates",
    "encoderLength",
    "frequency",
    "horizon",
    "id",
    "known",
    "knownNames",
    "past",
    "pastNames",
    "regime",
    "scaler",
    "splits",
    "static",
    "staticNames",
    "target",
    "testYear",
  ]);
  assert.equal(fold.id, "rolling-2022-weekly");
  assert.equal(fold.splits.test.length, 52);
  assert.match(
    ctx.messages[0],
    /rolling-2022-weekly: \d+ train, \d+ validation, 52 test origins; 6 purged, 2 embargoed/,
  );
  assert.deepEqual(ctx.warnings, []);
});

Deno.test("rollingFold labelSeries: the frame's raw values per fold row, not the scaled input", async () => {
  const params = rollingFold.params.parse({ testYear: 2020, labelSeries: ["vix"] });
  const fold = await rollingFold.run({ features }, params, fakeContext());
  const raw = features.past.columns[features.past.names.indexOf("vix")];
  const series = fold.labelSeries!.vix;
  assert.equal(series.length, fold.dates.length);
  fold.dates.forEach((date, t) => {
    const row = features.dates.indexOf(date);
    assert.ok(Object.is(series[t], raw[row]), `${date}: ${series[t]} vs ${raw[row]}`);
  });
  assert.ok(Math.max(...series.filter(Number.isFinite)) > 50, "March 2020: raw VIX levels");
  const scaled =
    fold.past.values[fold.splits.test[0] * fold.past.cols + fold.pastNames.indexOf("vix")];
  assert.ok(Math.abs(scaled) < 10, "the past input stays standardised");
  const plain = await rollingFold.run(
    { features },
    rollingFold.params.parse({ testYear: 2020 }),
    fakeContext(),
  );
  assert.ok(!("labelSeries" in plain), "absent unless asked: folds are unchanged");
  const labelOnly = await rollingFold.run(
    { features },
    rollingFold.params.parse({ testYear: 2020, labelSeries: ["vix"], features: ["vix_change"] }),
    fakeContext(),
  );
  assert.ok(!labelOnly.pastNames.includes("vix"), "a label series is not an input");
  assert.deepEqual(labelOnly.labelSeries!.vix, series);
});

Deno.test("split tasks: unscorable timestamps are warned about; a wrong input is named", async () => {
  const ctx = fakeContext();
  const fold = await rollingFold.run(
    { features },
    rollingFold.params.parse({ testYear: 2024, horizon: 3 }),
    ctx,
  );
  assert.equal(fold.splits.test.length, 50);
  assert.equal(ctx.warnings.length, 1);
  assert.match(
    ctx.warnings[0],
    /rolling-2024-weekly: 2 test timestamps cannot be scored at horizon 3 .*\(2024-12-20, 2024-12-27\)/,
  );
  const wf = await walkForwardFold.run(
    { features },
    walkForwardFold.params.parse({ step: 0 }),
    fakeContext(),
  );
  assert.equal(wf.id, "walk-forward-0-2010-01-01-weekly");
  await assert.rejects(
    async () =>
      await rollingFold.run(
        { features: {} as FeatureFrame },
        rollingFold.params.parse({ testYear: 2016 }),
        ctx,
      ),
    /split node test-node: input "features" must be a buildFeatures output/,
  );
});
