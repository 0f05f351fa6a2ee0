/**
 * Hand-written SIMD GEMM (`models/tf/wasm_simd/gemm.ts`) against XNNPACK (`tf.matMul` on
 * wasm, a fresh right operand each call as in training, and a cached one) on the CLS
 * Transformer's dense products. The variants take turns within each repetition, so load
 * from other processes disturbs them alike; each cell is the fastest repetition.
 *
 *   deno run -A bench/transformer/gemm.ts [--reps 15] [--variants 4x2d,6x2p4f,...] [--crossover]
 *
 * A variant name is rows x vectors, d (B read directly) or p (packed by the kernel, the
 * packing timed), the k unroll, and f for relaxed_madd (FMA) instead of multiply and add.
 * XNNPACK runs with the GEMM route off (`withoutGemm`), as tfjs computes it.
 *
 * Measured 2026-12-06 on the 2-core workplace machine (AMD EPYC, AVX2 + FMA) under the
 * lead's pipelines, fastest of 25, GFLOP/s; PyTorch 1.13 1 thread (`gemm_torch.py`, fastest
 * of 200, same load). Other runs under heavier load scattered widely: trust the ratios.
 *
 *   m·k·n            XNNPACK fresh  cached  4x2d  4x2p4 (mul+add)  6x2p4f (FMA)  PyTorch
 *   3904·128·384          27.1       26.8   30.1      36.5             31.5¹       68
 *   3904·384·128          27.2       27.7   29.2      35.8             51.2        59–86
 *   3904·128·128          19.0       17.5   29.3      35.0             48.5        79
 *   3904·256·128          14.5²       5.5²   1.7²      5.6²            45.7        90
 *   128·3904·384 (dW)     13.2       28.4   16.2      33.9             36.4        83
 *   384·3904·128 (dWᵀ)    22.2       29.9   21.1      32.4             53.6        —
 *   ¹ 51.1 in a later run; ² disturbed in this run (24–34 mul+add, 24 XNNPACK in another).
 *
 * 4x2p4 equals XNNPACK bit for bit (max |diff| 0); FMA differs by ≤ 1e-4 here. 6x2 with
 * mul+add was slower than 4x2 (21–26: its temporaries spill), 6x2 with FMA the fastest.
 * The FMA kernel is near the 128-bit SIMD ceiling (4 lanes × 2 FMA a cycle); PyTorch uses
 * 256-bit AVX2, so a wasm kernel cannot reach it on these shapes.
 */
import * as tf from "@tensorflow/tfjs";
import { initBackend } from "../../models/tf/backend.ts";
import { SeededRandom } from "../../models/tf/rng.ts";
import { gemmOnHeap, type GemmShape } from "../../models/tf/wasm_simd/gemm.ts";
import { withoutGemm } from "../../models/tf/wasm_gemm.ts";

interface WasmBackend {
  wasm: { asm: { memory: WebAssembly.Memory }; _malloc(n: number): number; _free(p: number): void };
  dataIdMap: { get(dataId: tf.DataId): { memoryOffset: number } };
}

/** [label, m, k, n]: C[m, n] = A[m, k] · B[k, n]. */
export const SHAPES: [string, number, number, number][] = [
  ["QKV proj X·W", 3904, 128, 384],
  ["FF down H·W", 3904, 384, 128],
  ["dX = dY·Wᵀ (FF up)", 3904, 384, 128],
  ["proj 128→128", 3904, 128, 128],
  ["FF 256→128", 3904, 256, 128],
  ["dW = Xᵀ·dY direct", 128, 3904, 384],
  ["dW turned dYᵀ·X", 384, 3904, 128],
];

/** Smaller and larger single products, for the crossover with XNNPACK (`--crossover`). */
export const CROSSOVER: [string, number, number, number][] = [
  ["tiny", 8, 8, 8],
  ["one row", 1, 128, 384],
  ["small", 64, 64, 64],
  ["thin k", 3904, 8, 64],
  ["head", 64, 128, 1],
  ["medium", 256, 256, 256],
  ["large", 1024, 1024, 1024],
  ["wide B", 512, 2048, 2048],
];

export function parseVariant(name: string): GemmShape {
  const match = /^(\d+)x(\d+)([dp])(\d*)(f?)$/.exec(name);
  if (!match) throw new Error(`variant "${name}" is not like 4x2d or 6x2p4f`);
  return {
    rows: Number(match[1]),
    vectors: Number(match[2]),
    packed: match[3] === "p",
    unroll: match[4] ? Number(match[4]) : 1,
    fma: match[5] === "f",
  };
}

function tensor(shape: number[], seed: number): tf.Tensor {
  const rng = new SeededRandom(seed);
  return tf.tensor(
    Float32Array.from({ length: tf.util.sizeFromShape(shape) }, () => rng.normal()),
    shape,
  );
}

/** Fastest ms of XNNPACK fresh, XNNPACK cached, then each variant; and their checks. */
export function timeShape(m: number, k: number, n: number, variants: string[], reps: number) {
  const backend = tf.backend() as unknown as WasmBackend;
  const at = (t: tf.Tensor) => backend.dataIdMap.get(t.dataId).memoryOffset;
  const [a, b] = [tensor([m, k], 1), tensor([k, n], 2)];
  const c = tf.zeros([m, n]);
  const scratch = backend.wasm._malloc(4 * k * n);
  const shapes = variants.map(parseVariant);
  const best = Array(2 + variants.length).fill(Infinity);
  const reference = withoutGemm(() => tf.matMul(a, b));
  const expected = reference.dataSync() as Float32Array;
  const maxDiff: number[] = [];
  try {
    for (let rep = 0; rep <= reps; rep++) {
      const fresh = tf.add(b, 0); // a new right operand: XNNPACK packs it again
      let began = performance.now();
      withoutGemm(() => tf.matMul(a, fresh)).dispose();
      if (rep > 0) best[0] = Math.min(best[0], performance.now() - began);
      fresh.dispose();
      began = performance.now();
      withoutGemm(() => tf.matMul(a, b)).dispose();
      if (rep > 0) best[1] = Math.min(best[1], performance.now() - began);
      shapes.forEach((shape, i) => {
        const memory = backend.wasm.asm.memory;
        const began = performance.now();
        gemmOnHeap(memory, { a: at(a), b: at(b), c: at(c), scratch }, [m, k, n], shape);
        if (rep > 0) best[2 + i] = Math.min(best[2 + i], performance.now() - began);
        if (rep === 0) {
          const got = c.dataSync() as Float32Array;
          let diff = 0;
          for (let j = 0; j < got.length; j++) {
            diff = Math.max(diff, Math.abs(got[j] - expected[j]));
          }
          maxDiff.push(diff);
        }
      });
    }
  } finally {
    backend.wasm._free(scratch);
    tf.dispose([a, b, c, reference]);
  }
  return { best, maxDiff };
}

if (import.meta.main) {
  const arg = (name: string) => {
    const i = Deno.args.indexOf(name);
    return i >= 0 ? Deno.args[i + 1] : undefined;
  };
  const reps = Number(arg("--reps") ?? 15);
  const variants = (arg("--variants") ?? "4x2d,4x2p4,6x2p4,4x2p4f,6x2p4f").split(",");
  await initBackend("wasm");
  console.log(`fastest of ${reps} repetitions: GFLOP/s (max |diff| to XNNPACK)`);
  console.log(["shape m·k·n".padEnd(34), "xnn-fresh", "xnn-cached", ...variants].join("  "));
  for (const [label, m, k, n] of Deno.args.includes("--crossover") ? CROSSOVER : SHAPES) {
    const { best, maxDiff } = timeShape(m, k, n, variants, reps);
    const gflop = (2 * m * k * n) / 1e6;
    const cells = best.map((ms, i) =>
      `${(gflop / ms).toFixed(1)}${i >= 2 ? `(${maxDiff[i - 2].toExponential(0)})` : ""}`
    );
    console.log([`${label} ${m}·${k}·${n}`.padEnd(34), ...cells].join("  "));
  }
}
