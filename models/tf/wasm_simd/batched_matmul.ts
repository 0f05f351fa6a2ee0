/**
 * Batched matrix product C[s] = A[s] · B[s] for float32 tensors on the wasm heap, in SIMD
 * register tiles (`batched_matmul_code.ts` writes the module). XNNPACK, which tfjs's wasm
 * backend calls for a product, creates an operator and packs B for every call; a batch of
 * small slices (an attention's [heads · batch, 61, 16] products) spends most of its time
 * there, or in tfjs's naive loop. This kernel has no set-up per slice: one call runs the
 * whole batch. A may be stored transposed ([k, m] per slice) and is then read strided, with
 * no copy; B is untransposed (`wasm_matmul_fix.ts` transposes a flagged B first).
 *
 * Every element sums k in order with separate float32 multiply and add, so results do not
 * depend on the tile or on A's layout, are deterministic, and equal XNNPACK's product bit
 * for bit on this machine (tests/models/tf/wasm_simd/batched_matmul_test.ts checks all of
 * it). The module imports the backend's memory, so a heap that grows between calls needs
 * nothing (a WebAssembly.Memory keeps its identity when its buffer is replaced).
 */
import { batchedMatMulModule } from "./batched_matmul_code.ts";
import { instanceFor } from "./module.ts";

/** Rows of A per register tile. */
export const TILE_ROWS = 4;
/** Four-float vectors of B's columns per register tile. */
export const TILE_VECTORS = 2;

type MatMulFunction = (...args: number[]) => void;
interface Kernels {
  matmul: MatMulFunction;
  matmulTA: MatMulFunction;
}

function kernelsFor(memory: WebAssembly.Memory, rows: number, vectors: number): Kernels {
  const bytes = () => batchedMatMulModule(rows, vectors);
  return instanceFor(memory, `batched matmul ${rows}x${vectors}`, bytes) as unknown as Kernels;
}

/** Byte offsets of the operands and the output on the heap. */
export interface HeapOperands {
  a: number;
  b: number;
  c: number;
}

/** How A is stored, and the register tile (another one only for measurements and tests). */
export interface MatMulOptions {
  /** A is stored as [batch, k, m] (A[s] transposed); B is always [batch, k, n]. */
  transposedA?: boolean;
  /** Rows × vectors; {@link TILE_ROWS} × {@link TILE_VECTORS} by default. */
  tile?: [number, number];
}

/**
 * C[s] = A[s] · B[s] for s < batch, A [batch, m, k] (or [batch, k, m] with `transposedA`),
 * B [batch, k, n], C [batch, m, n] float32 at the byte offsets given (4-byte aligned).
 */
export function batchedMatMulOnHeap(
  memory: WebAssembly.Memory,
  { a, b, c }: HeapOperands,
  [batch, m, k, n]: [number, number, number, number],
  { transposedA = false, tile = [TILE_ROWS, TILE_VECTORS] }: MatMulOptions = {},
): void {
  if (![batch, m, k, n].every((size) => Number.isInteger(size) && size >= 1)) {
    throw new Error(
      `batchedMatMulOnHeap needs positive sizes, got batch ${batch}, m ${m}, k ${k}, n ${n}: ` +
        "handle empty products before calling it",
    );
  }
  if ((a | b | c) % 4 !== 0) {
    throw new Error(`batchedMatMulOnHeap needs 4-byte aligned offsets, got ${a}, ${b}, ${c}`);
  }
  const kernels = kernelsFor(memory, tile[0], tile[1]);
  (transposedA ? kernels.matmulTA : kernels.matmul)(a, b, c, batch, m, k, n);
}
