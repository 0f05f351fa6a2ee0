/**
 * Single float32 product C[m, n] = A[m, k] · B[k, n] on the wasm heap with the SIMD GEMM
 * module of `gemm_code.ts`, one instance per kernel shape and memory (the module imports
 * the backend's memory, so a heap that grows between calls needs nothing).
 */
import { gemmModule, type GemmShape } from "./gemm_code.ts";
import { instanceFor } from "./module.ts";

export type { GemmShape } from "./gemm_code.ts";

type GemmFunction = (...args: number[]) => void;

function gemmFor(memory: WebAssembly.Memory, shape: GemmShape): GemmFunction {
  const key = `gemm ${JSON.stringify(shape)}`;
  return instanceFor(memory, key, () => gemmModule(shape)).gemm as GemmFunction;
}

/** Byte offsets of the operands, the output and (for a packed kernel) 4·k·n bytes of scratch. */
export interface GemmOperands {
  a: number;
  b: number;
  c: number;
  scratch?: number;
  /** float32 [n], for a kernel shape with `bias`. */
  bias?: number;
}

/** C = A · B for A [m, k], B [k, n], C [m, n] float32 at 4-byte aligned offsets. */
export function gemmOnHeap(
  memory: WebAssembly.Memory,
  { a, b, c, scratch, bias }: GemmOperands,
  [m, k, n]: [number, number, number],
  shape: GemmShape,
): void {
  if (![m, k, n].every((size) => Number.isInteger(size) && size >= 1)) {
    throw new Error(
      `gemmOnHeap needs positive sizes, got m ${m}, k ${k}, n ${n}: ` +
        "handle empty products before calling it",
    );
  }
  if (shape.packed && scratch === undefined) {
    throw new Error("gemmOnHeap: a packed kernel needs a scratch offset of 4·k·n bytes");
  }
  if (shape.bias && bias === undefined) {
    throw new Error("gemmOnHeap: a kernel with bias needs the bias's offset");
  }
  const [p, q] = [scratch ?? 0, bias ?? 0];
  if ((a | b | c | p | q) % 4 !== 0) {
    throw new Error(`gemmOnHeap needs 4-byte aligned offsets, got ${[a, b, c, p, q].join(", ")}`);
  }
  gemmFor(memory, shape)(a, b, c, m, k, n, p, q);
}
