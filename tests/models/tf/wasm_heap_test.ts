/**
 * `models/tf/wasm_heap.ts` declares the private surface of tfjs-backend-wasm that our heap
 * kernels use. A version bump that renames or drops one of these members would otherwise
 * fail deep inside a kernel; here it fails by name.
 */
import assert from "node:assert/strict";
import * as tf from "@tensorflow/tfjs";
import { initBackend } from "../../../models/tf/backend.ts";
import { floatIndex, type WasmBackend } from "../../../models/tf/wasm_heap.ts";

Deno.test("the wasm backend has every member wasm_heap.ts declares, and floatIndex finds a tensor's values", async () => {
  await initBackend("wasm");
  const backend = tf.backend() as unknown as WasmBackend;
  for (const name of ["_malloc", "_free", "_BatchMatMul"] as const) {
    assert.equal(typeof backend.wasm[name], "function", `wasm.${name}`);
  }
  assert.ok(backend.wasm.asm.memory instanceof WebAssembly.Memory, "wasm.asm.memory");
  assert.ok(backend.wasm.HEAPF32 instanceof Float32Array, "wasm.HEAPF32");
  assert.ok(backend.wasm.HEAP32 instanceof Int32Array, "wasm.HEAP32");
  assert.equal(typeof backend.wasm.tfjs.registerTensor, "function", "wasm.tfjs.registerTensor");
  assert.equal(typeof backend.wasm.tfjs.disposeData, "function", "wasm.tfjs.disposeData");
  assert.equal(typeof backend.dataIdNextNumber, "number", "dataIdNextNumber");
  for (const name of ["makeOutput", "typedArrayFromHeap", "incRef"] as const) {
    assert.equal(typeof backend[name], "function", name);
  }

  const x = tf.tensor1d([1.5, -2.25, 3.125]);
  const entry = backend.dataIdMap.get(x.dataId);
  assert.equal(typeof entry.id, "number");
  assert.equal(typeof entry.refCount, "number");
  const [index] = floatIndex(backend, x);
  assert.deepEqual([...backend.wasm.HEAPF32.subarray(index, index + 3)], [1.5, -2.25, 3.125]);
  x.dispose();
});
