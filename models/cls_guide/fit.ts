/**
 * Fits the project's CLS Transformer (`models/transformer/network.ts`) on the guide's windows
 * with the shared trainer, and forecasts the test windows. Targets are the raw daily returns
 * (the guide) or standardised with the fit windows' mean and std (mapped back after). The
 * checkpoint windows drive early stopping, the restored epoch and the learning-rate cuts: the
 * test windows under the guide's `stopOn: "test"`.
 */
import * as tf from "@tensorflow/tfjs";
import { buildClsTransformer } from "../transformer/network.ts";
import type { ClsTransformerConfig } from "../transformer/config.ts";
import { trainNetwork } from "../tf/trainer.ts";
import { makeLoss } from "../tf/losses.ts";
import { pointLossConfig } from "../tf/model_config.ts";
import { trainable } from "../tf/shell/model.ts";
import { predictInChunks } from "../tf/predict.ts";
import type { EpochRecord } from "../contract.ts";
import type { GuideFrame } from "./features.ts";
import type { GuideProtocol } from "./protocol.ts";
import { type GuideWindows, windowTensors } from "./windows.ts";

export interface GuideFit {
  /** Forecast daily return of each test window (raw scale). */
  forecasts: Float64Array;
  /** Mean raw target of the fit windows (the constant forecast). */
  trainingMean: number;
  selectedEpoch: number | null;
  epochs: number;
}

export async function fitGuideTransformer(
  frame: GuideFrame,
  windows: GuideWindows,
  options: {
    protocol: GuideProtocol;
    model: ClsTransformerConfig;
    seed: number;
    onEpoch?: (record: EpochRecord, epochs: number) => void;
    signal?: AbortSignal;
  },
): Promise<GuideFit> {
  const { protocol, model } = options;
  if (model.training.keepCheckpoints?.length) {
    throw new Error(
      "cls-guide: training.keepCheckpoints keeps weights for a predict node, which the guide " +
        "protocol does not have (it predicts in the fit); remove it",
    );
  }
  const L = protocol.lookback;
  const F = frame.columns.length;
  const fit = windowTensors(frame, windows, windows.fit, L);
  const checkpoint = windowTensors(frame, windows, windows.checkpoint, L);
  const test = windowTensors(frame, windows, windows.test, L);
  const trainingMean = fit.targets.reduce((s, v) => s + v, 0) / fit.targets.length;
  const std = Math.sqrt(
    fit.targets.reduce((s, v) => s + (v - trainingMean) ** 2, 0) / fit.targets.length,
  );
  const scale = protocol.targets === "standardised"
    ? { mean: trainingMean, std }
    : { mean: 0, std: 1 };
  const set = (w: { inputs: Float32Array; targets: Float64Array }) => ({
    inputs: [tf.tensor3d(w.inputs, [w.targets.length, L, F])],
    target: tf.tensor2d(
      Float32Array.from(w.targets, (v) => (v - scale.mean) / scale.std),
      [w.targets.length, 1],
    ),
  });
  const network = buildClsTransformer(
    model,
    { staticSize: 0, pastSize: F, knownSize: 0, encoderLength: L, horizon: 1 },
    options.seed,
  );
  const train = set(fit);
  const validation = set(checkpoint);
  const testInputs = tf.tensor3d(test.inputs, [test.targets.length, L, F]);
  try {
    const outcome = await trainNetwork(trainable(network, 0, scale), { train, validation }, {
      config: model.training,
      loss: makeLoss(pointLossConfig(model)),
      seed: options.seed,
      onEpoch: options.onEpoch,
      signal: options.signal,
    });
    const output = predictInChunks((x) => network.forward(x, false), [testInputs]);
    const raw = await output.data();
    output.dispose();
    return {
      forecasts: Float64Array.from(raw, (v) => v * scale.std + scale.mean),
      trainingMean,
      selectedEpoch: outcome.selectedEpoch,
      epochs: outcome.history.length,
    };
  } finally {
    tf.dispose([
      ...train.inputs,
      train.target,
      ...validation.inputs,
      validation.target,
      testInputs,
    ]);
    network.model.dispose();
  }
}
