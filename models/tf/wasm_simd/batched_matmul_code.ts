/**
 * The bytes of the SIMD batched matmul module (`batched_matmul.ts` runs it): two exported
 * functions of (a, b, c, batch, m, k, n), byte offsets then sizes, computing
 * C[s] = A[s] · B[s] for s < batch with A stored [m, k] per slice (`matmul`) or [k, m]
 * (`matmulTA`: a transposed operand, read strided, with no copy); B [k, n], C [m, n].
 *
 * Each tile is `rows` rows of A by `vectors` four-float vectors of B's columns: the
 * rows · vectors accumulators stay in registers while k runs (a splat of A[i, k] times
 * B[k, j..j+4], added). Columns past the last full tile take one vector at a time, then
 * one float at a time (scalar f32); rows past the last full tile take one row at a time.
 * Every output element is the same sequence, `sum = 0; for k: sum = sum + a·b` in float32
 * with separate multiply and add (no fused multiply-add), whichever path computes it, so
 * the results depend neither on the tile nor on A's layout. Sizes must be at least 1.
 */
import {
  type Code,
  countedLoop,
  encodeModule,
  type ExportedFunction,
  F32,
  I32,
  loopFrom,
  op,
  V128,
} from "./module.ts";

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

/** The function for A stored as [m, k] per slice, or as [k, m] (`transposedA`). */
function generate(rows: number, vectors: number, transposedA: boolean): ExportedFunction {
  const locals = new Locals(7);
  const [S, I, J, NB, MR, NV, N4, AROW, CROW, END, BP, CP] = locals.many(12, I32);
  // Bytes from one row of A to the next, from one k to the next, and over a row's k run.
  const [ROW_STEP, K_STEP, K_SPAN] = locals.many(3, I32);
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
    ...ap.slice(1, r).flatMap((p, i) =>
      setTo(p, [...op.get(ap[i]), ...op.get(ROW_STEP), ...op.add])
    ),
    ...setTo(END, [...op.get(AROW), ...op.get(K_SPAN), ...op.add]),
    ...setTo(BP, columnAddress(B)),
  ];
  /** Advances every pointer by one k and repeats while row 0 has columns left (k ≥ 1). */
  const step = (r: number, body: Code): Code => [
    ...op.loop,
    ...body,
    ...ap.slice(0, r).flatMap((p) => plus(p, op.get(K_STEP))),
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
    ...plus(AROW, [...op.get(ROW_STEP), ...op.i32(r), ...op.mul]),
    ...plus(CROW, [...op.get(NB), ...op.i32(r), ...op.mul]),
  ];

  const bytes = (size: number): Code => [...op.get(size), ...op.i32(2), ...op.shl];
  const body: Code = [
    ...setTo(ROW_STEP, transposedA ? op.i32(4) : bytes(K)),
    ...setTo(K_STEP, transposedA ? bytes(M) : op.i32(4)),
    ...setTo(K_SPAN, [...op.get(K), ...op.get(K_STEP), ...op.mul]),
    ...setTo(NB, bytes(N)),
    ...setTo(MR, floorTo(M, rows)),
    ...setTo(NV, floorTo(N, 4 * vectors)),
    ...setTo(N4, floorTo(N, 4)),
    ...countedLoop(S, BATCH, 1, [
      ...setTo(AROW, op.get(A)),
      ...setTo(CROW, op.get(C)),
      ...countedLoop(I, MR, rows, band(rows)),
      ...loopFrom(I, M, 1, band(1)),
      // The bands moved CROW past this slice of C: the next slice starts there.
      ...plus(A, [...op.get(M), ...bytes(K), ...op.mul]),
      ...setTo(C, op.get(CROW)),
      ...plus(B, [...op.get(K), ...op.get(NB), ...op.mul]),
    ]),
  ];
  return { name: transposedA ? "matmulTA" : "matmul", params: 7, locals: locals.types, body };
}

/** The module: `matmul` and `matmulTA` for one register tile, importing env.memory. */
export function batchedMatMulModule(rows: number, vectors: number): Uint8Array<ArrayBuffer> {
  return encodeModule([false, true].map((transposedA) => generate(rows, vectors, transposedA)));
}
