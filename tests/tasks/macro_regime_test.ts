import assert from "node:assert/strict";
import {
  macroRegimeStudy,
  macroWalkForward,
  regimeScore,
  scoreParams,
  studyParams,
  walkForwardParams,
} from "../../tasks/macro_regime.ts";
import { macroCalibration, macroEnsemble } from "../../tasks/macro_ensemble.ts";
import { recordingContext } from "./task_context.ts";
import { syntheticSeries } from "../models/macro_regime/_synthetic.ts";

const macroOf = (ids: string[]) => ({
  kind: "macro" as const,
  fetchedAt: null,
  warnings: [],
  series: Object.entries(syntheticSeries()).filter(([id]) => ids.includes(id))
    .map(([id, s]) => ({ id, ...s, dates: [...s.dates], values: Float64Array.from(s.values) }))
    .map((s) => ({ ...s, source: { provider: "mirror" as const, location: "x", sha256: "" } })),
});

Deno.test("score task: a missing FRED series names the node and the fetch parameter", async () => {
  await assert.rejects(
    async () =>
      await regimeScore.run(
        { macro: macroOf(["FEDFUNDS", "CPIAUCSL"]) as never },
        scoreParams.parse({ timing: "point-in-time" }),
        recordingContext("score[timing=point-in-time]"),
      ),
    /score\[timing=point-in-time\]: input "macro" lacks FRED series GDPC1, T10Y2Y; list them/,
  );
  assert.throws(() => scoreParams.parse({ timing: "as-published", rules: { version: "x" } }));
});

Deno.test("score and walk-forward tasks: the point-in-time score, origins every horizon", async () => {
  const ctx = recordingContext("score");
  const score = await regimeScore.run(
    { macro: macroOf(["FEDFUNDS", "CPIAUCSL", "GDPC1", "T10Y2Y"]) as never },
    scoreParams.parse({ timing: "point-in-time", start: "2014-01-01", end: "2020-12-31" }),
    ctx,
  );
  assert.equal(ctx.metrics["point-in-time.interpolated_share"], 0);
  assert.equal(score.score[score.days.indexOf("2018-03-03")], 2);
  const out = await macroWalkForward.run(
    { score },
    walkForwardParams.parse({ horizon: 14, start: "2017-01-01", end: "2020-12-31" }),
    recordingContext("walk-forward"),
  );
  assert.equal(out.rows[1].origin, "2017-01-15");
  assert.ok(out.rows.every((r) => r.naive["no-change"] === 2 && r.actual === 2));
  // The ensemble node combines the members into every model's forecast and interval.
  const ensemble = await macroEnsemble.run(
    { members: out },
    { ensembleWeight: 0.7 },
    recordingContext("ensemble"),
  );
  assert.equal(ensemble.rows.length, out.rows.length);
  assert.ok(ensemble.rows.every((r) => r.forecasts["no-change"].mean === 2));
  const r0 = out.rows[0].members;
  assert.ok(
    Math.abs(
      ensemble.rows[0].forecasts.ensemble.mean - (0.7 * r0.reversion.mean + 0.3 * r0.momentum.mean),
    ) < 1e-12,
  );
  // The calibration node replays the ensemble's forecasts through the ledger.
  const tracked = await macroCalibration.run(
    { score, forecasts: ensemble },
    {},
    recordingContext("calibration"),
  );
  assert.equal(tracked.calibration.ledger.length, ensemble.rows.length);
  assert.ok(tracked.calibration.ledger.every((e) => e.actual !== null), "every target reached");
  await assert.rejects(
    async () =>
      await macroEnsemble.run(
        { members: ensemble as never },
        { ensembleWeight: 0.7 },
        recordingContext("e"),
      ),
    /e: input "members" is not a walk-forward's member forecasts/,
  );
});

Deno.test("study task: ungathered inputs are refused with the declaration to write", async () => {
  await assert.rejects(
    async () =>
      await macroRegimeStudy.run(
        { scores: {} as never, forecasts: [], calibrations: [], spx: {} as never },
        studyParams.parse({}),
        recordingContext("study"),
      ),
    /study: inputs "scores", "forecasts" and "calibrations" must be gathered/,
  );
});
