/**
 * The routes of a batched matmul on wasm (`models/tf/wasm_batched_matmul.ts`) against each
 * other: tfjs's loop, XNNPACK on per-slice views, and the SIMD kernel
 * (`models/tf/wasm_simd/batched_matmul.ts`), on the CLS Transformer's attention products
 * (guide preset: 64 windows × 8 heads, 61 tokens, 16 per head; with the transposed operands
 * its forward and backward pass set), the TFT's interpretable attention (`bench tft` daily:
 * 64 windows × 4 heads, 4 per head, one query over 21 steps, or 61 with a 60-step encoder),
 * 61-step self-attention with 4 per head, and smaller and larger slices for the crossover. A transposed operand is copied first on every
 * route (`wasm_matmul_fix.ts`) except a transposed a on the SIMD route, which reads it. The routes take turns within each repetition, so load
 * from other processes disturbs them alike; each row prints every route's fastest time.
 *
 *   deno run -A bench/transformer/sliced_matmul.ts [--reps 20] [--loop]
 *
 * `--loop` adds tfjs's own kernel (its loop for a batch): slow, seconds for the large shapes.
 */
import * as tf from "@tensorflow/tfjs";
import { initBackend } from "../../models/tf/backend.ts";
import { SeededRandom } from "../../models/tf/rng.ts";
import { type SlicedRoute, withSlicedRoute } from "../../models/tf/wasm_batched_matmul.ts";

/** [label, a's shape, b's shape, transposeA, transposeB]. */
export type Product = [string, number[], number[], boolean, boolean];

export const PRODUCTS: Product[] = [
  ["CLS Q·Kᵀ, dO·Vᵀ", [512, 61, 16], [512, 61, 16], false, true],
  ["CLS P·V, dS·K", [512, 61, 61], [512, 61, 16], false, false],
  ["CLS Pᵀ·dO, dSᵀ·Q", [512, 61, 61], [512, 61, 16], true, false],
  ["TFT bench Q·K", [256, 1, 4], [256, 4, 21], false, false],
  ["TFT bench P·V", [64, 4, 21], [64, 21, 4], false, false],
  ["TFT bench dS·Kᵀ", [256, 1, 21], [256, 4, 21], false, true],
  ["TFT bench Pᵀ·dH", [64, 4, 21], [64, 4, 4], true, false],
  ["TFT enc. 60 dS·Kᵀ", [256, 1, 61], [256, 4, 61], false, true],
  ["61-step Q·Kᵀ, d 4", [256, 61, 4], [256, 61, 4], false, true],
  ["61-step P·V, d 4", [256, 61, 61], [256, 61, 4], false, false],
  ["61-step Pᵀ·dO, d 4", [256, 61, 61], [256, 61, 4], true, false],
  ["tiny 4³", [512, 4, 4], [512, 4, 4], false, false],
  ["small 16³", [256, 16, 16], [256, 16, 16], false, false],
  ["128³", [32, 128, 128], [32, 128, 128], false, false],
  ["256³", [8, 256, 256], [8, 256, 256], false, false],
  ["512³", [2, 512, 512], [2, 512, 512], false, false],
  ["[64,1024]·[1024,64]", [4, 64, 1024], [4, 1024, 64], false, false],
  ["[1024,64]·[64,1024]", [2, 1024, 64], [2, 64, 1024], false, false],
];

function tensor(shape: number[], seed: number): tf.Tensor {
  const rng = new SeededRandom(seed);
  return tf.tensor(
    Float32Array.from({ length: tf.util.sizeFromShape(shape) }, () => rng.normal()),
    shape,
  );
}

/** Fastest time in ms of each route on one product, the routes taking turns. */
export function timeRoutes(product: Product, routes: SlicedRoute[], reps: number): number[] {
  const [, aShape, bShape, ta, tb] = product;
  const [a, b] = [tensor(aShape, 1), tensor(bShape, 2)];
  const best = routes.map(() => Infinity);
  try {
    for (let rep = 0; rep <= reps; rep++) {
      routes.forEach((route, i) => {
        const began = performance.now();
        // wasm kernels run synchronously: the product is done when matMul returns.
        const out = withSlicedRoute(route, () => tf.matMul(a, b, ta, tb));
        const ms = performance.now() - began;
        out.dispose();
        if (rep > 0) best[i] = Math.min(best[i], ms); // repetition 0 warms up
      });
    }
  } finally {
    tf.dispose([a, b]);
  }
  return best;
}

if (import.meta.main) {
  const i = Deno.args.indexOf("--reps");
  const reps = i >= 0 ? Number(Deno.args[i + 1]) : 20;
  const routes: SlicedRoute[] = Deno.args.includes("--loop")
    ? ["stock", "views", "simd"]
    : ["views", "simd"];
  await initBackend("wasm");
  console.log(`fastest of ${reps} repetitions, ms (GFLOP/s); last column: views ÷ simd`);
  for (const product of PRODUCTS) {
    const [label, aShape, bShape, ta, tb] = product;
    const best = timeRoutes(product, routes, reps);
    const [m, k] = ta ? [aShape[2], aShape[1]] : [aShape[1], aShape[2]];
    const n = tb ? bShape[1] : bShape[2];
    const gflop = (2 * aShape[0] * m * k * n) / 1e6;
    const cells = routes.map((route, r) =>
      `${route} ${best[r].toFixed(3)} (${(gflop / best[r]).toFixed(1)})`
    );
    const ratio = best[routes.indexOf("views")] / best[routes.indexOf("simd")];
    const shape = `[${aShape}]${ta ? "ᵀ" : ""}·[${bShape}]${tb ? "ᵀ" : ""}`;
    console.log(
      `${label.padEnd(22)} ${shape.padEnd(30)} ${cells.join("  ")}  ×${ratio.toFixed(2)}`,
    );
  }
}
