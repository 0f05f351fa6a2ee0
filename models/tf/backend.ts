/**
 * Compute-backend selection for TensorFlow.js.
 *
 * `wasm` is the default on CPU (with the transposed-matmul fix below), `webgpu` is chosen
 * by `auto` only when a hardware adapter exists, and `cpu` is the last resort. A backend
 * that fails to initialise is an error: tfjs would otherwise silently stay on `cpu`.
 *
 * `wasm-fma` (opt-in, never picked by `auto`) is tfjs's wasm backend with the dense products'
 * GEMM on fused multiply-add (`wasm_gemm.ts`): faster, one rounding per step instead of two,
 * so its results differ from `wasm`'s in the last bits and it is a backend of its own in
 * every cache key. A fused multiply-add is exactly rounded, so its results are the same on
 * every CPU that fuses; on one that does not (`wasm_simd/fma_probe.ts`) it is refused.
 */
import * as tf from "@tensorflow/tfjs";
// Side-effect imports: a type-only import would be dropped and the backend never registered.
import "@tensorflow/tfjs-backend-wasm";
import "@tensorflow/tfjs-backend-webgpu";
import { patchWasmIdentity } from "./wasm_identity_fix.ts";
import { patchWasmTransposedMatMul } from "./wasm_matmul_fix.ts";
import { patchWasmBatchedMatMul } from "./wasm_batched_matmul.ts";
import { patchWasmFusedMatMul, setFusedMultiplyAdd } from "./wasm_gemm.ts";
import { patchWasmClone } from "./wasm_clone.ts";
import { patchWasmTranspose } from "./wasm_simd/transpose.ts";
import { patchWasmSum } from "./wasm_simd/column_sum.ts";
import { relaxedMaddFuses } from "./wasm_simd/fma_probe.ts";
import { preferVulkan, requestWebGpuAdapter, WGPU_BACKEND_VARIABLE } from "./webgpu_adapter.ts";

export type BackendName = "wasm" | "wasm-fma" | "webgpu" | "cpu";
export type BackendChoice = BackendName | "auto";

/** The tfjs backend a backend runs on: `wasm-fma` is tfjs's `wasm` with the FMA GEMM. */
export function tfjsBackendOf(name: BackendName): "wasm" | "webgpu" | "cpu" {
  return name === "wasm-fma" ? "wasm" : name;
}

/** Describes the GPU adapter, or says why there is none. */
export interface AdapterProbe {
  /** An adapter exists (possibly a software one). */
  present: boolean;
  /** A hardware adapter: `auto` picks webgpu. */
  usable: boolean;
  description: string;
}

const absent = (description: string): AdapterProbe => ({
  present: false,
  usable: false,
  description,
});

/** A software adapter (lavapipe, llvmpipe, SwiftShader) is slower than wasm: never auto-pick it. */
export async function probeWebGpu(): Promise<AdapterProbe> {
  if (!(globalThis.navigator as { gpu?: GPU } | undefined)?.gpu) {
    return absent("navigator.gpu is not available");
  }
  let adapter: GPUAdapter | null = null;
  try {
    adapter = await requestWebGpuAdapter();
  } catch (error) {
    return absent(`requestAdapter failed: ${error}`);
  }
  if (!adapter) {
    const searched = preferVulkan();
    return absent(
      searched === "vulkan"
        ? `no WebGPU adapter found (only Vulkan was searched: set ${WGPU_BACKEND_VARIABLE}=gl ` +
          "to try OpenGL)"
        : "no WebGPU adapter found",
    );
  }
  const info = adapter.info;
  // Vendor and architecture are often bare PCI ids ("65541 0"): keep the named parts.
  const description = [info?.vendor, info?.architecture, info?.device, info?.description]
    .filter((part) => part && !/^[0-9]+$/.test(part)).join(" ");
  const software = /llvmpipe|lavapipe|swiftshader|software/i.test(description) ||
    (adapter as { isFallbackAdapter?: boolean }).isFallbackAdapter === true;
  return { present: true, usable: !software, description: description || "unnamed adapter" };
}

/**
 * A warning for an explicit `webgpu` on a software adapter (which `auto` never picks): it
 * runs, correctly, but far slower than wasm. Null for any other backend or a hardware adapter.
 */
export async function softwareAdapterWarning(name: string): Promise<string | null> {
  if (name !== "webgpu") return null;
  const probe = await probeWebGpu();
  if (probe.usable || !probe.present) return null;
  return `webgpu runs on a software adapter (${probe.description}), far slower than wasm; ` +
    "use --backend wasm (or auto) unless you are testing the webgpu code path";
}

/** Resolves `auto` to a concrete backend name without initialising anything. */
export async function resolveBackend(choice: BackendChoice): Promise<BackendName> {
  if (choice === "wasm-fma" && !relaxedMaddFuses()) {
    throw new Error(
      "backend wasm-fma needs fused multiply-add, and this machine's WebAssembly runs " +
        "f32x4.relaxed_madd as a multiply then an add (no FMA in the CPU, or no relaxed SIMD " +
        "in the runtime); pass --backend wasm",
    );
  }
  if (choice !== "auto") return choice;
  return (await probeWebGpu()).usable ? "webgpu" : "wasm";
}

const WEBGPU_HINT = "pass --backend wasm or --backend auto to train on the CPU";

let active: BackendName | null = null;

/**
 * Initialises and activates a backend; throws (never falls back) when it cannot.
 * Idempotent for the same backend within one process or Worker.
 */
export async function initBackend(choice: BackendChoice = "auto"): Promise<BackendName> {
  const name = await resolveBackend(choice);
  const engineName = tfjsBackendOf(name);
  if (active === name && tf.getBackend() === engineName) return name;
  if (engineName === "wasm") {
    patchWasmBatchedMatMul(); // before the transposed fix, which wraps it
    patchWasmFusedMatMul(); // likewise
    patchWasmTranspose(); // before the transposed fix, which transposes with it
    patchWasmTransposedMatMul();
    patchWasmIdentity();
    patchWasmClone();
    patchWasmSum();
    setFusedMultiplyAdd(name === "wasm-fma");
  }
  if (name === "webgpu") {
    // Without an adapter tfjs logs a stack trace of its own before failing: say why first.
    const probe = await probeWebGpu();
    if (!probe.present) {
      throw new Error(
        `TensorFlow.js backend "webgpu" failed to initialise: ${probe.description} ` +
          `(${WEBGPU_HINT})`,
      );
    }
  }
  let ok = false;
  let cause: unknown = null;
  try {
    ok = await tf.setBackend(engineName);
    await tf.ready();
  } catch (error) {
    cause = error;
  }
  if (!ok || tf.getBackend() !== engineName) {
    const hint = name === "webgpu" ? WEBGPU_HINT : "pass --backend cpu to use the pure-JS backend";
    throw new Error(
      `TensorFlow.js backend "${name}" failed to initialise${cause ? `: ${cause}` : ""} (${hint})`,
    );
  }
  active = name;
  return name;
}
