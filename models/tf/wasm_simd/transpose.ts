/**
 * Matrix transpose on the wasm backend in 4×4 SIMD tiles. tfjs's wasm `Transpose` moves one
 * float at a time with a strided store (~1 ns per element: 0.28 ms for a [3840, 64]
 * activation, more than the matmul it feeds); this kernel loads four rows of four floats,
 * transposes the tile with shuffles and stores four columns, ~5× faster at those shapes.
 * A transpose only moves values, so results are bit-identical to `tf.transpose`.
 *
 * `transposeLastTwo` transposes the last two axes of a rank-2 or rank-3 float32 tensor
 * (the batch of a rank-3 tensor is a loop over matrices). Other backends, dtypes and ranks
 * use `tf.transpose`. Rows and columns past the last multiple of 4 are moved in JavaScript.
 * The op has no gradient of its own: it is meant for hand-written backward passes (a
 * `tf.customGrad` op's forward and gradient functions), where tfjs records no tape.
 * `patchWasmTranspose` routes the wasm `Transpose` kernel through it for those
 * permutations, so `tf.transpose` and the transposed operands of matmuls
 * (`wasm_matmul_fix.ts`) use it too.
 */
import * as tf from "@tensorflow/tfjs";
import type { WasmBackend } from "../wasm_heap.ts";
import { countedLoop, encodeModule, instanceFor, op, V128 } from "./module.ts";

export const TRANSPOSE_KERNEL = "FinfusionTransposeLastTwo";

// Parameters: src, dst (byte offsets), rows, cols, rows4, cols4 (multiples of 4 below them).
const [SRC, DST, ROWS, COLS, ROWS4, COLS4] = [0, 1, 2, 3, 4, 5];
// Locals: loop counters, tile addresses, strides in bytes, the tile's rows and shuffles.
const [I, J, P, Q, ROW_BYTES, COL_BYTES] = [6, 7, 8, 9, 10, 11];
const R = [12, 13, 14, 15];
const [A, B, C, D] = [16, 17, 18, 19];

/** Byte address `base + (outer · stride + inner) · 4` into local `into`. */
function address(into: number, base: number, outer: number, stride: number, inner: number) {
  return [
    ...op.get(base),
    ...op.get(outer),
    ...op.get(stride),
    ...op.mul,
    ...op.get(inner),
    ...op.add,
    ...op.i32(2),
    ...op.shl,
    ...op.add,
    ...op.set(into),
  ];
}

/** `local` + k · `strideLocal`, for k = 0..3 (k = 0: the local itself). */
function plusStrides(local: number, strideLocal: number, k: number) {
  return [
    ...op.get(local),
    ...(k === 0 ? [] : [...op.get(strideLocal), ...op.i32(k), ...op.mul, ...op.add]),
  ];
}

function shuffled(x: number, y: number, lanes: [number, number, number, number]) {
  return [...op.get(x), ...op.get(y), ...op.shuffle32(lanes)];
}

const tile = [
  ...address(P, SRC, I, COLS, J),
  ...address(Q, DST, J, ROWS, I),
  ...R.flatMap((r, k) => [...plusStrides(P, ROW_BYTES, k), ...op.load128(), ...op.set(r)]),
  ...shuffled(R[0], R[1], [0, 4, 1, 5]),
  ...op.set(A),
  ...shuffled(R[0], R[1], [2, 6, 3, 7]),
  ...op.set(B),
  ...shuffled(R[2], R[3], [0, 4, 1, 5]),
  ...op.set(C),
  ...shuffled(R[2], R[3], [2, 6, 3, 7]),
  ...op.set(D),
  ...([[A, C, [0, 1, 4, 5]], [A, C, [2, 3, 6, 7]], [B, D, [0, 1, 4, 5]], [B, D, [2, 3, 6, 7]]] as [
    number,
    number,
    [number, number, number, number],
  ][]).flatMap(([x, y, lanes], k) => [
    ...plusStrides(Q, COL_BYTES, k),
    ...shuffled(x, y, lanes),
    ...op.store128(),
  ]),
];

const BYTES = encodeModule([{
  name: "transpose",
  params: 6,
  locals: [...Array(6).fill(0x7f), ...Array(8).fill(V128)],
  body: [
    ...op.get(COLS),
    ...op.i32(2),
    ...op.shl,
    ...op.set(ROW_BYTES),
    ...op.get(ROWS),
    ...op.i32(2),
    ...op.shl,
    ...op.set(COL_BYTES),
    ...countedLoop(J, COLS4, 4, countedLoop(I, ROWS4, 4, tile)),
  ],
}]);

type TransposeFunction = (...args: number[]) => void;

function kernelFor(memory: WebAssembly.Memory): TransposeFunction {
  return instanceFor(memory, "transpose", () => BYTES).transpose as TransposeFunction;
}

/** One [rows, cols] matrix at byte offset `src` into [cols, rows] at `dst`. */
function transposeMatrix(
  backend: WasmBackend,
  src: number,
  dst: number,
  rows: number,
  cols: number,
) {
  const [rows4, cols4] = [rows & ~3, cols & ~3];
  kernelFor(backend.wasm.asm.memory)(src, dst, rows, cols, rows4, cols4);
  if (rows4 === rows && cols4 === cols) return;
  const heap = backend.wasm.HEAPF32; // after the call: the heap may have grown
  const [x, y] = [src >> 2, dst >> 2];
  for (let i = 0; i < rows; i++) {
    for (let j = i < rows4 ? cols4 : 0; j < cols; j++) {
      heap[y + j * rows + i] = heap[x + i * cols + j];
    }
  }
}

const kernelFunc: tf.KernelFunc = ({ inputs, backend }) => {
  const x = (inputs as { x: tf.TensorInfo }).x;
  const wasm = backend as unknown as WasmBackend;
  const [rows, cols] = x.shape.slice(-2);
  const batch = x.shape.length === 3 ? x.shape[0] : 1;
  const out = wasm.makeOutput([...x.shape.slice(0, -2), cols, rows], "float32");
  const [src, dst] = [x, out].map((t) => wasm.dataIdMap.get(t.dataId).memoryOffset);
  const size = 4 * rows * cols;
  for (let b = 0; b < batch; b++) {
    transposeMatrix(wasm, src + b * size, dst + b * size, rows, cols);
  }
  return out;
};

tf.registerKernel({ kernelName: TRANSPOSE_KERNEL, backendName: "wasm", kernelFunc });

/** A permutation of a rank-2 or rank-3 tensor that swaps its last two axes only. */
function swapsLastTwo(perm: number[]): boolean {
  return (perm.length === 2 && perm[0] === 1 && perm[1] === 0) ||
    (perm.length === 3 && perm[0] === 0 && perm[1] === 2 && perm[2] === 1);
}

let patched = false;

/** Must run before the wasm backend is first initialised and before `wasm_matmul_fix.ts`. */
export function patchWasmTranspose(): void {
  if (patched) return;
  const original = tf.getKernel("Transpose", "wasm");
  if (!original) throw new Error("wasm kernel Transpose is not registered");
  tf.unregisterKernel("Transpose", "wasm");
  tf.registerKernel({
    ...original,
    kernelFunc: (args) => {
      const x = (args.inputs as { x: tf.TensorInfo }).x;
      const perm = (args.attrs as { perm: number[] }).perm;
      if (x.dtype !== "float32" || !swapsLastTwo(perm) || tf.util.sizeFromShape(x.shape) === 0) {
        return original.kernelFunc(args);
      }
      return kernelFunc(args);
    },
  });
  patched = true;
}

/** x with its last two axes swapped (rank 2 or 3). */
export function transposeLastTwo<T extends tf.Tensor>(x: T): T {
  const rank = x.shape.length;
  if (rank !== 2 && rank !== 3) {
    throw new Error(`transposeLastTwo takes a rank-2 or rank-3 tensor, got shape [${x.shape}]`);
  }
  if (tf.getBackend() !== "wasm" || x.dtype !== "float32" || x.size === 0) {
    return tf.transpose(x, rank === 2 ? [1, 0] : [0, 2, 1]);
  }
  return tf.engine().runKernel(TRANSPOSE_KERNEL, { x }) as T;
}
