/**
 * The TFT's own layers (prescalers, static encoders, variable selection) as registered,
 * serialisable tfjs layers, and the TFT registered for deserialisation.
 */
import assert from "node:assert/strict";
import * as tf from "@tensorflow/tfjs";
import { initBackend } from "../../../models/tf/backend.ts";
import { TemporalFusionTransformer } from "../../../models/tft/network.ts";
import { PrescalerBank } from "../../../models/tft/prescaler.ts";
import { StaticCovariateEncoders } from "../../../models/tft/static_encoders.ts";
import { VariableSelectionNetwork } from "../../../models/tft/variable_selection.ts";
import { type LayerCase, testSerialisable } from "../tf/layers/serialisable.ts";

await initBackend("wasm");

const common = { seed: 3, dropout: 0.1 };
testSerialisable([
  ["prescalers", () => new PrescalerBank({ name: "pre", seed: 3, variables: 3, size: 4 }), [[
    2,
    3,
  ]]],
  ["static encoders", () => new StaticCovariateEncoders({ name: "se", ...common, hiddenSize: 4 }), [
    [3, 4],
  ]],
  ["variable selection", () =>
    new VariableSelectionNetwork({
      name: "vsn",
      ...common,
      variables: 3,
      embeddingSize: 2,
      hiddenSize: 4,
      contextSize: 4,
    }), [[2, 5, 3], [3, 2], [3, 2], [2, 4]]],
] as LayerCase[]);

Deno.test("TemporalFusionTransformer is registered for deserialisation", () => {
  const map = tf.serialization.SerializationMap.getMap().classNameMap;
  for (
    const name of [
      "TemporalFusionTransformer",
      "TftGatedLinearUnit",
      "TftGatedResidualNetwork",
      "TftVariableSelectionNetwork",
      "TftLstm",
    ]
  ) {
    assert.ok(map[name], `${name} is registered`);
  }
  assert.equal(TemporalFusionTransformer.className, "TemporalFusionTransformer");
});
