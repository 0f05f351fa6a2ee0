/**
 * Kernels per TFT training step on wasm (weekly bench preset, the shared `trainStep`): a
 * count that does not depend on machine load, so a regression guard for the TFT's speed.
 * The step ran 1,361 kernels before the fused ops' norms, GLUs, bias activations and the
 * LSTM cell became JavaScript-on-heap kernels (705 after); the bound leaves a little room.
 */
import assert from "node:assert/strict";
import * as tf from "@tensorflow/tfjs";
import { initBackend } from "../../../models/tf/backend.ts";
import { FlatAdam } from "../../../models/tf/flat_adam.ts";
import { makeLoss } from "../../../models/tf/losses.ts";
import { trainStep } from "../../../models/tf/train_step.ts";
import { BENCH_HYPER, BENCH_PRESETS, benchData, benchShape } from "../../../bench/tft/data.ts";
import { buildTft } from "../../../models/tft/build.ts";

await initBackend("wasm");

/** Kernels run by one call of `f`, counted at the engine. */
function kernelsOf(f: () => void): Map<string, number> {
  const engine = tf.engine() as unknown as { runKernel: (...args: unknown[]) => unknown };
  const original = engine.runKernel;
  const counts = new Map<string, number>();
  engine.runKernel = (...args: unknown[]) => {
    const name = args[0] as string;
    counts.set(name, (counts.get(name) ?? 0) + 1);
    return original.apply(engine, args);
  };
  try {
    f();
  } finally {
    engine.runKernel = original;
  }
  return counts;
}

Deno.test("a weekly TFT training step runs a fixed number of kernels, under 760", () => {
  const preset = BENCH_PRESETS.weekly;
  const built = buildTft(benchShape(preset), BENCH_HYPER, 0);
  const data = benchData(preset, 0);
  const inputs = data.inputs.map((x) => x.slice(0, preset.batch));
  const target = data.target.slice(0, preset.batch);
  const variables = built.model.trainableWeights.map((w) => w.read() as tf.Variable);
  const options = {
    network: { predict: (x: tf.Tensor[], t: boolean) => built.layer.forward(x, t).output },
    loss: makeLoss({ name: "quantile", quantiles: [0.1, 0.5, 0.9] }),
    optimizer: new FlatAdam(variables, { learningRate: 1e-3 }),
    variables,
    groups: null,
    learningRate: 1e-3,
    weightDecay: 0,
    clipNorm: 1,
  };
  const step = () => {
    const result = trainStep(options, inputs, target);
    assert.ok(Number.isFinite(result.weightedLoss.dataSync()[0]));
    tf.dispose([result.weightedLoss, result.gradRatio ?? []]);
  };
  step();
  const first = kernelsOf(step);
  const second = kernelsOf(step);
  const total = (m: Map<string, number>) => [...m.values()].reduce((a, b) => a + b, 0);
  assert.equal(total(first), total(second));
  assert.ok(total(first) < 760, `${total(first)} kernels per step`);
  for (
    const name of ["FinfusionAddLayerNorm", "FinfusionGlu", "FinfusionBiasAct", "FinfusionLstmCell"]
  ) {
    assert.ok(first.has(name), `${name} ran`);
  }
  tf.dispose([...inputs, target, ...data.inputs, data.target]);
  built.model.dispose();
});
