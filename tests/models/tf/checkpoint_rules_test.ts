/** Checkpoint rules: the composite against hand values, every rule's direction. */
import assert from "node:assert/strict";
import { checkpointScore, compositeScore } from "../../../models/tf/checkpoint_rules.ts";
import { pointDiagnostics } from "../../../models/tf/diagnostics.ts";
import { trainerConfigSchema } from "../../../models/tf/trainer_config.ts";
import { TFT_TRAINING_DEFAULTS } from "../../../models/tft/config.ts";

Deno.test("composite: DA · (0.5 + 0.5·(1 − |p̂₊ − p₊|)) by hand", () => {
  // always up on 60% up targets: DA 0.6, calibration 1 − 0.4 = 0.6 → 0.6 · 0.8 = 0.48
  assert.ok(
    Math.abs(
      compositeScore({ directionalAccuracy: 0.6, shareLong: 1, targetShareUp: 0.6 }) - 0.48,
    ) <
      1e-12,
  );
  // as accurate with a calibrated up-share scores the full accuracy
  assert.equal(
    compositeScore({ directionalAccuracy: 0.6, shareLong: 0.6, targetShareUp: 0.6 }),
    0.6,
  );
});

Deno.test("composite from diagnostics: an all-up forecast loses to a calibrated one", () => {
  const target = Float32Array.from([1, 1, 1, -1, -1]);
  const allUp = pointDiagnostics(Float32Array.from([1, 1, 1, 1, 1]), target);
  assert.equal(allUp.targetShareUp, 0.6);
  assert.equal(allUp.shareLong, 1);
  // calibrated: 3 ups, 2 downs, one up and one down wrong → DA 0.6, share 0.6
  const mixed = pointDiagnostics(Float32Array.from([1, 1, -1, 1, -1]), target);
  assert.equal(mixed.directionalAccuracy, 0.6);
  const val = (d: typeof allUp) => ({ loss: 0, ...d });
  assert.ok(
    checkpointScore("composite", 0, val(mixed)) > checkpointScore("composite", 0, val(allUp)),
  );
  assert.equal(
    checkpointScore("val-da", 0, val(mixed)),
    checkpointScore("val-da", 0, val(allUp)),
    "plain accuracy cannot tell them apart",
  );
});

Deno.test("rules: lower loss and higher std, accuracy win; no validation → training loss", () => {
  const v = {
    loss: 2,
    directionalAccuracy: 0.5,
    predictionStd: 0.3,
    shareLong: 0.5,
    targetShareUp: 0.5,
  };
  assert.equal(checkpointScore("val-loss", 9, v), -2);
  assert.equal(checkpointScore("diversity", 9, v), 0.3);
  assert.equal(checkpointScore("val-da", 9, v), 0.5);
  assert.equal(checkpointScore("composite", 9, null), -9);
});

Deno.test("trainer schema accepts composite and refuses an unknown rule", () => {
  const schema = trainerConfigSchema(TFT_TRAINING_DEFAULTS);
  assert.equal(schema.parse({ checkpointSelection: "composite" }).checkpointSelection, "composite");
  const bad = schema.safeParse({ checkpointSelection: "sharpe" });
  assert.equal(bad.success, false);
  assert.deepEqual(bad.error!.issues[0].path, ["checkpointSelection"]);
});
