/**
 * Compute-backend selection for TensorFlow.js.
 *
 * `wasm` is the default on CPU (with the transposed-matmul fix below), `webgpu` is chosen
 * by `auto` only when a hardware adapter exists, and `cpu` is the last resort. A backend
 * that fails to initialise is an error: tfjs would otherwise silently stay on `cpu`.
 */
import * as tf from "@tensorflow/tfjs";
// Side-effect imports: a type-only import would be dropped and the backend never registered.
import "@tensorflow/tfjs-backend-wasm";
import "@tensorflow/tfjs-backend-webgpu";
import { patchWasmIdentity } from "./wasm_identity_fix.ts";
import { patchWasmTransposedMatMul } from "./wasm_matmul_fix.ts";

export type BackendName = "wasm" | "webgpu" | "cpu";
export type BackendChoice = BackendName | "auto";
export const BACKEND_CHOICES: readonly BackendChoice[] = ["auto", "wasm", "webgpu", "cpu"];

/** Describes the GPU adapter, or says why none is usable. */
export interface AdapterProbe {
  usable: boolean;
  description: string;
}

/** A software adapter (lavapipe, llvmpipe, SwiftShader) is slower than wasm: never auto-pick it. */
export async function probeWebGpu(): Promise<AdapterProbe> {
  const gpu = (globalThis.navigator as { gpu?: GPU } | undefined)?.gpu;
  if (!gpu) return { usable: false, description: "navigator.gpu is not available" };
  let adapter: GPUAdapter | null = null;
  try {
    adapter = await gpu.requestAdapter();
  } catch (error) {
    return { usable: false, description: `requestAdapter failed: ${error}` };
  }
  if (!adapter) return { usable: false, description: "no WebGPU adapter found" };
  const info = adapter.info;
  const description = [info?.vendor, info?.architecture, info?.device, info?.description]
    .filter((part) => part).join(" ");
  const software = /llvmpipe|lavapipe|swiftshader|software/i.test(description) ||
    (adapter as { isFallbackAdapter?: boolean }).isFallbackAdapter === true;
  return { usable: !software, description: description || "unnamed adapter" };
}

/** Resolves `auto` to a concrete backend name without initialising anything. */
export async function resolveBackend(choice: BackendChoice): Promise<BackendName> {
  if (choice !== "auto") return choice;
  return (await probeWebGpu()).usable ? "webgpu" : "wasm";
}

let active: BackendName | null = null;

/**
 * Initialises and activates a backend; throws (never falls back) when it cannot.
 * Idempotent for the same backend within one process or Worker.
 */
export async function initBackend(choice: BackendChoice = "auto"): Promise<BackendName> {
  const name = await resolveBackend(choice);
  if (active === name && tf.getBackend() === name) return name;
  if (name === "wasm") {
    patchWasmTransposedMatMul();
    patchWasmIdentity();
  }
  let ok = false;
  let cause: unknown = null;
  try {
    ok = await tf.setBackend(name);
    await tf.ready();
  } catch (error) {
    cause = error;
  }
  if (!ok || tf.getBackend() !== name) {
    const hint = name === "webgpu"
      ? "no usable WebGPU adapter; pass --backend wasm to train on the CPU"
      : "pass --backend cpu to use the pure-JS backend";
    throw new Error(
      `TensorFlow.js backend "${name}" failed to initialise${cause ? `: ${cause}` : ""} (${hint})`,
    );
  }
  active = name;
  return name;
}
