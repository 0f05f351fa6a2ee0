/**
 * Sums over leading axes on the wasm backend with SIMD. Every bias gradient is one:
 * broadcasting `[batch, …, n] + [n]` makes autodiff sum the gradient over the leading axes.
 * tfjs's wasm `Sum` reduces only innermost axes, so it first transposes the input (a strided
 * copy of the whole activation, e.g. [3840, 128] for the CLS Transformer's feed-forward bias),
 * then sums each column as a contiguous row; that pair took ~28 ms of a 530 ms CLS step.
 *
 * This kernel reads the input once, in memory order, adding each row into the output four
 * columns at a time. Each output column still starts from +0 and adds rows 0, 1, 2, … one at
 * a time in float32, which is exactly what tfjs's kernel does after its transpose
 * (`sum = 0; sum += x` over the row), so results are bit-identical to `tf.sum`.
 *
 * `patchWasmSum` routes the wasm `Sum` kernel through it when the reduced axes are the first
 * k < rank axes of a non-empty float32 tensor; every other reduction keeps tfjs's kernel.
 */
import * as tf from "@tensorflow/tfjs";
import type { WasmBackend } from "../wasm_heap.ts";
import { countedLoop, encodeModule, I32, instanceFor, loopFrom, op } from "./module.ts";

// Parameters: src, dst (byte offsets), rows, cols, cols4 (the multiple of 4 below cols).
const [SRC, DST, ROWS, COLS, COLS4] = [0, 1, 2, 3, 4];
// Locals: row and column counters, the row's address, a column's output address.
const [I, J, ROW, OUT] = [5, 6, 7, 8];

/** `OUT` = dst + j · 4 and the stack ready for a store at it: dst[j] + row[j]. */
const addColumns = (load: number[], add: number[], store: number[]) => [
  ...op.get(DST),
  ...op.get(J),
  ...op.i32(2),
  ...op.shl,
  ...op.add,
  ...op.tee(OUT),
  ...op.get(OUT),
  ...load,
  ...op.get(ROW),
  ...op.get(J),
  ...op.i32(2),
  ...op.shl,
  ...op.add,
  ...load,
  ...add,
  ...store,
];

const BYTES = encodeModule([{
  name: "column_sum",
  params: 5,
  locals: [I32, I32, I32, I32],
  body: [
    // dst[0 .. cols) = +0
    ...countedLoop(J, COLS, 1, [
      ...op.get(DST),
      ...op.get(J),
      ...op.i32(2),
      ...op.shl,
      ...op.add,
      ...op.f32Zero,
      ...op.f32Store(),
    ]),
    // for each row in order: dst[j] += row[j], four columns at a time, then the rest
    ...countedLoop(I, ROWS, 1, [
      ...op.get(SRC),
      ...op.get(I),
      ...op.get(COLS),
      ...op.mul,
      ...op.i32(2),
      ...op.shl,
      ...op.add,
      ...op.set(ROW),
      ...countedLoop(J, COLS4, 4, addColumns(op.load128(), op.f32x4Add, op.store128())),
      ...loopFrom(J, COLS, 1, addColumns(op.f32Load(), op.f32Add, op.f32Store())),
    ]),
  ],
}]);

type ColumnSumFunction = (
  src: number,
  dst: number,
  rows: number,
  cols: number,
  cols4: number,
) => void;

function kernelFor(memory: WebAssembly.Memory): ColumnSumFunction {
  return instanceFor(memory, "column_sum", () => BYTES).column_sum as ColumnSumFunction;
}

/** The number of leading axes `axis` reduces (0 when it is not a leading run short of rank). */
function leadingAxes(axis: number | number[], shape: number[]): number {
  const axes = tf.util.parseAxisParam(axis, shape);
  if (axes.length === 0 || axes.length >= shape.length) return 0;
  return axes.every((a, i) => a === i) ? axes.length : 0;
}

let patched = false;
let bypass = false;

/** Must run before the wasm backend is first initialised. */
export function patchWasmSum(): void {
  if (patched) return;
  const original = tf.getKernel("Sum", "wasm");
  if (!original) throw new Error("wasm kernel Sum is not registered");
  tf.unregisterKernel("Sum", "wasm");
  tf.registerKernel({
    ...original,
    kernelFunc: (args) => {
      const x = (args.inputs as { x: tf.TensorInfo }).x;
      const { axis, keepDims } = args.attrs as { axis: number | number[]; keepDims: boolean };
      const k = leadingAxes(axis, x.shape);
      if (bypass || k === 0 || x.dtype !== "float32" || tf.util.sizeFromShape(x.shape) === 0) {
        return original.kernelFunc(args);
      }
      const wasm = args.backend as unknown as WasmBackend;
      const rows = tf.util.sizeFromShape(x.shape.slice(0, k));
      const cols = tf.util.sizeFromShape(x.shape.slice(k));
      const outShape = keepDims ? [...Array(k).fill(1), ...x.shape.slice(k)] : x.shape.slice(k);
      const out = wasm.makeOutput(outShape, "float32");
      const [src, dst] = [x, out].map((t) => wasm.dataIdMap.get(t.dataId).memoryOffset);
      kernelFor(wasm.wasm.asm.memory)(src, dst, rows, cols, cols & ~3);
      return out;
    },
  });
  patched = true;
}

/** Runs `fn` with tfjs's own wasm `Sum` kernel (for references in tests and benchmarks). */
export function withTfjsSum<T>(fn: () => T): T {
  bypass = true;
  try {
    return fn();
  } finally {
    bypass = false;
  }
}
