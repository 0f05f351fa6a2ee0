import assert from "node:assert/strict";
import * as tf from "@tensorflow/tfjs";
import { initBackend } from "../../../models/tf/backend.ts";
import {
  SeededDropout,
  seededDropoutMask,
  seededDropoutMaskTensor,
} from "../../../models/tf/dropout.ts";
import { SeededRandom } from "../../../models/tf/rng.ts";

await initBackend("wasm");

function masks(layer: SeededDropout, calls: number): Float32Array[] {
  const x = tf.ones([4, 50]);
  const out = Array.from({ length: calls }, () => {
    const y = layer.apply(x, { training: true }) as tf.Tensor;
    const values = y.dataSync() as Float32Array;
    y.dispose();
    return values.slice();
  });
  x.dispose();
  return out;
}

Deno.test("SeededDropout: a fresh mask per call, the same sequence across runs", () => {
  const first = masks(new SeededDropout({ rate: 0.3, seed: 17 }), 3);
  const again = masks(new SeededDropout({ rate: 0.3, seed: 17 }), 3);
  assert.notDeepEqual(first[0], first[1]);
  assert.notDeepEqual(first[1], first[2]);
  assert.deepEqual(again, first);
  assert.notDeepEqual(masks(new SeededDropout({ rate: 0.3, seed: 18 }), 1)[0], first[0]);
});

Deno.test("SeededDropout: inverted scaling and the drop rate", () => {
  const [mask] = masks(new SeededDropout({ rate: 0.25, seed: 3 }), 1);
  const kept = [...mask].filter((v) => v !== 0);
  for (const v of kept) assert.ok(Math.abs(v - 1 / 0.75) < 1e-6);
  const dropShare = 1 - kept.length / mask.length;
  assert.ok(dropShare > 0.15 && dropShare < 0.35, `dropped ${dropShare}`);
});

Deno.test("SeededDropout: inference is the identity and draws nothing", () => {
  const layer = new SeededDropout({ rate: 0.5, seed: 5 });
  const reference = masks(new SeededDropout({ rate: 0.5, seed: 5 }), 1)[0];
  const x = tf.tensor2d([[1, 2, 3]]);
  const y = layer.apply(x, { training: false }) as tf.Tensor;
  assert.deepEqual([...y.dataSync()], [1, 2, 3]);
  tf.dispose([x, y]);
  assert.deepEqual(masks(layer, 1)[0], reference);
});

Deno.test("SeededDropout: config round trip and a named error for a bad rate", () => {
  const layer = new SeededDropout({ rate: 0.1, seed: 9, name: "drop" });
  const config = layer.getConfig();
  assert.equal(config.rate, 0.1);
  assert.equal(config.seed, 9);
  const copy = SeededDropout.fromConfig(SeededDropout, config) as SeededDropout;
  assert.equal(copy.rate, 0.1);
  assert.equal(copy.name, "drop");
  assert.throws(() => new SeededDropout({ rate: 1, seed: 1, name: "bad" }), /bad.*\[0, 1\)/);
});

/** The mask as first written: one `next()` per value, kept where it is at least the rate. */
function drawnOneByOne(size: number, rate: number, stream: SeededRandom): Float32Array {
  const scale = 1 / (1 - rate);
  return Float32Array.from({ length: size }, () => (stream.next() >= rate ? scale : 0));
}

Deno.test("dropout masks equal a draw per value, bit for bit, and leave the stream alike", async () => {
  for (const rate of [0.1, 0.2, 0.25, 1 / 3, 0.5, 0.9, 0.999]) {
    for (const shape of [[1], [7], [3, 5, 11], [64, 61, 13]]) {
      const size = shape.reduce((a, b) => a * b, 1);
      const [ours, theirs] = [new SeededRandom(41), new SeededRandom(41)];
      const expected = drawnOneByOne(size, rate, theirs);
      assert.deepEqual(seededDropoutMask(shape, rate, ours), expected, `rate ${rate} [${shape}]`);
      for (const backend of ["wasm", "cpu"]) {
        await tf.setBackend(backend);
        const before = tf.memory().numTensors;
        const tensor = seededDropoutMaskTensor(shape, rate, ours);
        assert.deepEqual(tensor.shape, shape);
        assert.deepEqual(tensor.dataSync(), drawnOneByOne(size, rate, theirs), backend);
        tensor.dispose();
        assert.equal(tf.memory().numTensors, before, `${backend}: a tensor leaked`);
      }
      await tf.setBackend("wasm");
      assert.equal(ours.next(), theirs.next(), "the streams went on alike");
    }
  }
});

Deno.test("dropout masks keep exactly the words a draw per value keeps, at every threshold", () => {
  // A stream that hands out chosen words, to test the threshold itself: `next()` is word / 2^32.
  const wordsAround = (rate: number) => {
    const edge = rate * 2 ** 32;
    const near = [Math.floor(edge) - 1, Math.floor(edge), Math.ceil(edge), Math.ceil(edge) + 1];
    return [...near, 0, 1, 2 ** 31 - 1, 2 ** 31, 2 ** 32 - 1].filter((w) => w >= 0 && w < 2 ** 32);
  };
  const rates = [
    0,
    2 ** -60,
    (1000 + 2 ** -30) / 2 ** 32,
    0.1,
    0.2,
    0.25,
    1 / 3,
    0.5,
    1 - 2 ** -30,
  ];
  for (const rate of rates) {
    const words = wordsAround(rate);
    const stream = {
      fillUint32: (out: Uint32Array) => (out.set(words), out),
    } as unknown as SeededRandom;
    const mask = seededDropoutMask([words.length], rate, stream);
    const scale = Math.fround(1 / (1 - rate));
    words.forEach((w, i) =>
      assert.equal(mask[i], w / 2 ** 32 >= rate ? scale : 0, `rate ${rate}, word ${w}`)
    );
  }
  assert.throws(() => seededDropoutMask([3], 1, new SeededRandom(1)), /dropout rate/);
  assert.throws(
    () => seededDropoutMaskTensor([3], Number.NaN, new SeededRandom(1)),
    /dropout rate/,
  );
});
