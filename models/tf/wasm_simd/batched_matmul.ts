/**
 * Batched matrix product C[s] = A[s] · B[s] on the wasm heap, in SIMD register tiles.
 * XNNPACK, which tfjs's wasm backend calls for a product, creates an operator and packs
 * B for every call; a batch of small slices (an attention's [heads · batch, 61, 16]
 * products) spends most of its time there, or in tfjs's naive loop below a size. This
 * kernel has no set-up per slice: one call of one exported function runs the whole batch.
 *
 * Each tile is ROWS rows of A by VECTORS four-float vectors of B's columns: the
 * ROWS · VECTORS accumulators stay in registers while k runs over A's columns (a splat of
 * A[i, k] times B[k, j..j+4], added). Columns past the last full tile take one vector at a
 * time, then one float at a time (scalar f32); rows past the last full tile take one row.
 * Every output element is the same sequence, `sum = 0; for k: sum = sum + a·b` in float32
 * with separate multiply and add (no fused multiply-add), whatever path computes it: the
 * results do not depend on the tiling, are deterministic, and equal XNNPACK's product bit
 * for bit on this machine (tests/models/tf/wasm_simd/batched_matmul_test.ts checks both).
 *
 * Operands are untransposed, contiguous float32 (`wasm_matmul_fix.ts` transposes flagged
 * operands first). The module imports the backend's memory, so a heap that grows between
 * calls needs nothing (a WebAssembly.Memory keeps its identity when its buffer is replaced).
 */
import { type Code, countedLoop, encodeModule, F32, I32, loopFrom, op, V128 } from "./module.ts";

/** Rows of A per register tile. */
export const TILE_ROWS = 4;
/** Four-float vectors of B's columns per register tile. */
export const TILE_VECTORS = 2;

// Parameters (byte offsets, then sizes): a, b, c, batch, m, k, n.
const [A, B, C, BATCH, M, K, N] = [0, 1, 2, 3, 4, 5, 6];

/** Hands out local indices after the parameters and records their types. */
class Locals {
  readonly types: number[] = [];
  constructor(private readonly first: number) {}
  add(type: number): number {
    this.types.push(type);
    return this.first + this.types.length - 1;
  }
  many(count: number, type: number): number[] {
    return Array.from({ length: count }, () => this.add(type));
  }
}

function generate(rows: number, vectors: number) {
  const locals = new Locals(7);
  const [S, I, J, KB, NB, MR, NV, N4, AROW, CROW, END, BP, CP] = locals.many(13, I32);
  const ap = locals.many(rows, I32);
  const acc = Array.from({ length: rows }, () => locals.many(vectors, V128));
  const bv = locals.many(vectors, V128);
  const x = locals.add(V128);
  const facc = locals.many(rows, F32);
  const fb = locals.add(F32);

  const setTo = (local: number, value: Code): Code => [...value, ...op.set(local)];
  const plus = (local: number, amount: Code): Code =>
    setTo(local, [...op.get(local), ...amount, ...op.add]);
  /** `value - value % step`: the largest multiple of step not above value. */
  const floorTo = (value: number, step: number): Code => [
    ...op.get(value),
    ...op.get(value),
    ...op.i32(step),
    ...op.remU,
    ...op.sub,
  ];
  const columnAddress = (base: number): Code => [
    ...op.get(base),
    ...op.get(J),
    ...op.i32(2),
    ...op.shl,
    ...op.add,
  ];

  /** Row pointers into A, the end of row 0, and B's column pointer, for a tile of `r` rows. */
  const start = (r: number): Code => [
    ...setTo(ap[0], op.get(AROW)),
    ...ap.slice(1, r).flatMap((p, i) => setTo(p, [...op.get(ap[i]), ...op.get(KB), ...op.add])),
    ...setTo(END, [...op.get(AROW), ...op.get(KB), ...op.add]),
    ...setTo(BP, columnAddress(B)),
  ];
  /** Advances every pointer by one k and repeats while row 0 has columns left (k ≥ 1). */
  const step = (r: number, body: Code): Code => [
    ...op.loop,
    ...body,
    ...ap.slice(0, r).flatMap((p) => plus(p, op.i32(4))),
    ...plus(BP, op.get(NB)),
    ...op.get(ap[0]),
    ...op.get(END),
    ...op.ltU,
    ...op.brIf(0),
    ...op.end,
  ];
  /** Stores one value per row at C's tile, `value(r)` pushing row r's operands. */
  const store = (r: number, value: (row: number) => Code): Code => [
    ...setTo(CP, columnAddress(CROW)),
    ...Array.from({ length: r }, (_, row) => [
      ...value(row),
      ...(row < r - 1 ? plus(CP, op.get(NB)) : []),
    ]).flat(),
  ];

  /** r rows × v vectors of C. */
  const tile = (r: number, v: number): Code => [
    ...acc.slice(0, r).flatMap((row) => row.slice(0, v).flatMap((a) => setTo(a, op.zero128))),
    ...start(r),
    ...step(r, [
      ...bv.slice(0, v).flatMap((b, i) => setTo(b, [...op.get(BP), ...op.load128(16 * i)])),
      ...acc.slice(0, r).flatMap((row, i) => [
        ...setTo(x, [...op.get(ap[i]), ...op.load32Splat()]),
        ...row.slice(0, v).flatMap((a, j) =>
          setTo(a, [
            ...op.get(a),
            ...op.get(x),
            ...op.get(bv[j]),
            ...op.f32x4Mul,
            ...op.f32x4Add,
          ])
        ),
      ]),
    ]),
    ...store(
      r,
      (row) =>
        acc[row].slice(0, v).flatMap((
          a,
          i,
        ) => [...op.get(CP), ...op.get(a), ...op.store128(16 * i)]),
    ),
  ];

  /** r rows × one column of C, in scalar f32. */
  const scalarTile = (r: number): Code => [
    ...facc.slice(0, r).flatMap((a) => setTo(a, op.f32Zero)),
    ...start(r),
    ...step(r, [
      ...setTo(fb, [...op.get(BP), ...op.f32Load()]),
      ...facc.slice(0, r).flatMap((a, i) =>
        setTo(a, [
          ...op.get(a),
          ...op.get(ap[i]),
          ...op.f32Load(),
          ...op.get(fb),
          ...op.f32Mul,
          ...op.f32Add,
        ])
      ),
    ]),
    ...store(r, (row) => [...op.get(CP), ...op.get(facc[row]), ...op.f32Store()]),
  ];

  /** One band of r rows: full tiles, then single vectors, then single columns. */
  const band = (r: number): Code => [
    ...countedLoop(J, NV, 4 * vectors, tile(r, vectors)),
    ...(vectors > 1 ? loopFrom(J, N4, 4, tile(r, 1)) : []),
    ...loopFrom(J, N, 1, scalarTile(r)),
    ...plus(AROW, [...op.get(KB), ...op.i32(r), ...op.mul]),
    ...plus(CROW, [...op.get(NB), ...op.i32(r), ...op.mul]),
  ];

  const body: Code = [
    ...setTo(KB, [...op.get(K), ...op.i32(2), ...op.shl]),
    ...setTo(NB, [...op.get(N), ...op.i32(2), ...op.shl]),
    ...setTo(MR, floorTo(M, rows)),
    ...setTo(NV, floorTo(N, 4 * vectors)),
    ...setTo(N4, floorTo(N, 4)),
    ...countedLoop(S, BATCH, 1, [
      ...setTo(AROW, op.get(A)),
      ...setTo(CROW, op.get(C)),
      ...countedLoop(I, MR, rows, band(rows)),
      ...loopFrom(I, M, 1, band(1)),
      // The bands moved AROW and CROW past this slice of A and C: the next slices start there.
      ...setTo(A, op.get(AROW)),
      ...setTo(C, op.get(CROW)),
      ...plus(B, [...op.get(K), ...op.get(NB), ...op.mul]),
    ]),
  ];
  return encodeModule([{ name: "matmul", params: 7, locals: locals.types, body }]);
}

type MatMulFunction = (...args: number[]) => void;
const instances = new Map<string, WeakMap<WebAssembly.Memory, MatMulFunction>>();

function kernelFor(memory: WebAssembly.Memory, rows: number, vectors: number): MatMulFunction {
  const key = `${rows}x${vectors}`;
  let byMemory = instances.get(key);
  if (!byMemory) instances.set(key, byMemory = new WeakMap());
  let matmul = byMemory.get(memory);
  if (!matmul) {
    const bytes = generate(rows, vectors);
    const instance = new WebAssembly.Instance(new WebAssembly.Module(bytes), { env: { memory } });
    matmul = instance.exports.matmul as MatMulFunction;
    byMemory.set(memory, matmul);
  }
  return matmul;
}

/** Byte offsets of the operands and the output on the heap. */
export interface HeapOperands {
  a: number;
  b: number;
  c: number;
}

/**
 * C[s] = A[s] · B[s] for s < batch, A [batch, m, k], B [batch, k, n], C [batch, m, n]
 * float32 at the byte offsets given (4-byte aligned). `tile` picks another register tile
 * (for measurements); the default is {@link TILE_ROWS} × {@link TILE_VECTORS}.
 */
export function batchedMatMulOnHeap(
  memory: WebAssembly.Memory,
  { a, b, c }: HeapOperands,
  [batch, m, k, n]: [number, number, number, number],
  tile: [number, number] = [TILE_ROWS, TILE_VECTORS],
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
  kernelFor(memory, tile[0], tile[1])(a, b, c, batch, m, k, n);
}
