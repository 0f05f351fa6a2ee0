/**
 * The `wasm-fma` backend (`models/tf/backend.ts`): tfjs's wasm backend with the GEMM on fused
 * multiply-add. The probe's arithmetic, the backend's identity (the model guard tells it from
 * `wasm` both ways), repeatable results on it, and results within the FMA bound of `wasm`'s
 * but not equal to them. The FMA kernel's per-element bound is tested in wasm_gemm_test.ts.
 */
import assert from "node:assert/strict";
import * as tf from "@tensorflow/tfjs";
import { requireBackend } from "../../../models/tf/active_backend.ts";
import { initBackend, resolveBackend, tfjsBackendOf } from "../../../models/tf/backend.ts";
import { relaxedMaddFuses } from "../../../models/tf/wasm_simd/fma_probe.ts";
import { seededTensor } from "./seeded_tensor.ts";

const fuses = relaxedMaddFuses();
console.log(`relaxed_madd ${fuses ? "fuses" : "does not fuse"} here`);

Deno.test("the FMA probe's input tells one rounding from two", () => {
  const a = 1 + 2 ** -12;
  const exact = a * a - 1; // exact in float64
  assert.equal(exact, 2 ** -11 + 2 ** -24);
  assert.equal(Math.fround(exact), exact, "a fused result is representable in float32");
  assert.equal(Math.fround(Math.fround(a * a) - 1), 2 ** -11, "two roundings lose 2⁻²⁴");
});

/** Loss gradient of a two-layer network whose products take the GEMM, and its predictions. */
function gradients(): Float32Array[] {
  return tf.tidy(() => {
    const x = seededTensor([256, 96], 1);
    const y = seededTensor([256, 8], 2);
    const w1 = seededTensor([96, 160], 3).mul(0.1);
    const w2 = seededTensor([160, 8], 4).mul(0.1);
    const predict = (a: tf.Tensor, b: tf.Tensor) => tf.matMul(tf.tanh(tf.matMul(x, a)), b);
    const loss = (a: tf.Tensor, b: tf.Tensor) => tf.losses.meanSquaredError(y, predict(a, b));
    const [g1, g2] = tf.grads(loss)([w1, w2]);
    return [predict(w1, w2), g1, g2].map((t) => t.dataSync() as Float32Array);
  });
}

Deno.test({
  name: "wasm-fma is tfjs's wasm with the FMA GEMM: its own identity, repeatable, near wasm",
  ignore: !fuses,
  fn: async () => {
    assert.equal(await resolveBackend("wasm-fma"), "wasm-fma");
    assert.equal(tfjsBackendOf("wasm-fma"), "wasm");
    await initBackend("wasm");
    const plain = gradients();
    requireBackend("lstm", "wasm");
    assert.equal(await initBackend("wasm-fma"), "wasm-fma");
    assert.equal(tf.getBackend(), "wasm");
    requireBackend("lstm", "wasm-fma");
    assert.throws(
      () => requireBackend("tft", "wasm"),
      /tft: the run expects the "wasm" backend but tfjs is on "wasm-fma"/,
    );
    const fused = gradients();
    assert.deepEqual(gradients(), fused, "the same inputs give the same bits on wasm-fma");
    await initBackend("wasm");
    requireBackend("lstm", "wasm");
    assert.deepEqual(gradients(), plain, "back on wasm, the unfused bits again");
    let differs = false;
    fused.forEach((values, t) => {
      const scale = Math.max(...plain[t].map(Math.abs));
      values.forEach((v, i) => {
        differs ||= v !== plain[t][i];
        assert.ok(
          Math.abs(v - plain[t][i]) <= 1e-5 * scale,
          `output ${t}[${i}]: ${v} vs ${plain[t][i]}`,
        );
      });
    });
    assert.ok(differs, "wasm-fma gave wasm's bits: the FMA kernel did not run");
  },
});

Deno.test({
  name: "wasm-fma is refused where relaxed_madd does not fuse",
  ignore: fuses,
  fn: async () => {
    await assert.rejects(
      () => resolveBackend("wasm-fma"),
      /needs fused multiply-add.*--backend wasm/,
    );
  },
});
