/**
 * Checks that a layer is a registered, serialisable tfjs layer (className, getConfig,
 * registerClass): a model holding it saves and reloads to the same outputs.
 */
import assert from "node:assert/strict";
import * as tf from "@tensorflow/tfjs";
import { loadLayersModel, saveLayersModel } from "../../../../models/tf/serialize.ts";

/** `label`, a factory, and the batch shapes of the layer's inputs. */
export type LayerCase = [string, () => tf.layers.Layer, number[][]];

export function testSerialisable(cases: LayerCase[]): void {
  for (const [label, make, shapes] of cases) {
    Deno.test(`${label}: a registered, serialisable tfjs layer that saves and reloads`, async () => {
      const layer = make();
      const cls = layer.constructor as unknown as { className: string };
      assert.ok(cls.className.length > 0);
      const config = layer.getConfig();
      assert.equal(config.name, layer.name);
      const inputs = shapes.map((shape) => tf.input({ batchShape: shape }));
      const output = layer.apply(inputs.length === 1 ? inputs[0] : inputs) as tf.SymbolicTensor;
      const model = tf.model({ inputs, outputs: output });
      const values = shapes.map((shape, i) => tf.randomNormal(shape, 0, 1, "float32", 10 + i));
      const before = model.apply(values) as tf.Tensor;
      const restored = await loadLayersModel(await saveLayersModel(model));
      assert.equal(restored.layers.at(-1)!.getClassName(), cls.className);
      const after = restored.apply(values) as tf.Tensor;
      assert.deepEqual([...after.dataSync()], [...before.dataSync()]);
      model.dispose();
      restored.dispose();
    });
  }
}
