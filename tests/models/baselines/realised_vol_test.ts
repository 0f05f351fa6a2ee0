import assert from "node:assert/strict";
import { realisedVolSpec } from "../../../models/baselines/realised_vol.ts";
import { syntheticFold } from "./synthetic_fold.ts";

const target = [0.5, -0.25, 0.75, -1, 0.25, 0.5, -0.5, 1, -0.75, 0.125, 0.25, -0.125];
const fold = syntheticFold({
  target,
  encoderLength: 2,
  horizon: 2,
  splits: { train: [1, 2, 3, 4], validation: [5, 6], test: [7, 8, 9] },
});

Deno.test("realised-vol forecasts the mean squared return of the last `window` bars up to the origin", async () => {
  const model = realisedVolSpec.create(realisedVolSpec.schema.parse({ window: 3 }), {
    seed: 1,
    backend: "cpu",
  });
  await model.fit(fold);
  const forecast = await model.predict(fold, "test");
  const expected = [7, 8, 9].flatMap((o) => {
    const v = (target[o] ** 2 + target[o - 1] ** 2 + target[o - 2] ** 2) / 3;
    return [v, v];
  });
  assert.deepEqual(
    [...forecast.variance!].map((v) => +v.toFixed(6)),
    expected.map((v) => +v.toFixed(6)),
  );
  // The point is the mean training return: rows 0..6 (first encoder row to the last train target).
  const mean = target.slice(0, 7).reduce((a, b) => a + b, 0) / 7;
  assert.ok(Math.abs(forecast.point[0] - mean) < 1e-6, `point ${forecast.point[0]} vs ${mean}`);
});

Deno.test("realised-vol reads fewer bars at the fold's first rows, and never a row after the origin", async () => {
  const model = realisedVolSpec.create(realisedVolSpec.schema.parse({ window: 50 }), {
    seed: 1,
    backend: "cpu",
  });
  await model.fit(fold);
  const forecast = await model.predict(fold, "validation");
  const v = target.slice(0, 6).reduce((s, r) => s + r * r, 0) / 6; // origin 5: rows 0..5
  assert.ok(Math.abs(forecast.variance![0] - v) < 1e-6);
});
