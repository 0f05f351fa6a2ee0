/**
 * The bytes of a single-product SIMD GEMM module (`gemm.ts` runs it): one exported function
 * `gemm(a, b, c, m, k, n, p, bias)`, byte offsets, sizes, a scratch offset and a bias
 * offset, computing C[m, n] = A[m, k] · B[k, n] (+ bias, then relu, when the shape says so)
 * in float32 on the wasm heap.
 *
 * A tile is `rows` rows of A by `vectors` four-float vectors of B's columns: its accumulators
 * stay in registers while k runs, `unroll` k steps per loop turn (A read at constant
 * offsets). With `packed`, the function first copies B's full-tile column strips into the
 * scratch at p (k rows of 4·vectors floats each, contiguous: the tiles then read B
 * sequentially, at constant offsets); columns past the last full tile read B directly, one
 * vector, then one float, at a time; rows past the last full band take one row at a time.
 *
 * `fma: false`: every output element is `sum = 0; for k: sum = sum + a·b` in float32 with
 * separate multiply and add, whichever path computes it (the order XNNPACK uses).
 * `fma: true`: `sum = fma(a, b, sum)` with `f32x4.relaxed_madd` (one rounding a step where
 * the CPU has FMA), also on the edges (as lane 0 of a vector), so an element's value never
 * depends on where it lies. Sizes must be at least 1; p needs 4·k·n bytes when packed.
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

export interface GemmShape {
  rows: number;
  vectors: number;
  fma: boolean;
  packed: boolean;
  unroll: number;
  /** Each column's sum starts from bias[j] (a float32 [n] at the last argument), not 0. */
  bias?: boolean;
  /** Each output is then `f32x4.pmax(0, sum)` (XNNPACK's clamp: negatives and NaN to 0). */
  relu?: boolean;
}

// Parameters: a, b, c (byte offsets), m, k, n (sizes), p (scratch), bias (byte offsets).
const [A, B, C, M, K, N, P, BIAS] = [0, 1, 2, 3, 4, 5, 6, 7];

function generate(shape: GemmShape): ExportedFunction {
  const { rows, vectors, fma, packed, unroll, bias = false, relu = false } = shape;
  const types: number[] = [];
  const local = (type: number) => (types.push(type), 8 + types.length - 1);
  const many = (count: number, type: number) => Array.from({ length: count }, () => local(type));
  const [I, J, NB, MR, NV, N4, AROW, CROW, END, ENDU, BP, CP, SRC, DST, SEND] = many(15, I32);
  const ap = many(rows, I32);
  const acc = Array.from({ length: rows }, () => many(vectors, V128));
  const bv = many(vectors, V128);
  const x = local(V128);
  const sacc = many(rows, fma ? V128 : F32);
  const sb = local(fma ? V128 : F32);
  const width = 4 * vectors; // floats of a full tile's strip

  const setTo = (l: number, value: Code): Code => [...value, ...op.set(l)];
  const plus = (l: number, amount: Code): Code => setTo(l, [...op.get(l), ...amount, ...op.add]);
  const bytes = (l: number): Code => [...op.get(l), ...op.i32(2), ...op.shl];
  const floorTo = (l: number, step: number): Code => [
    ...op.get(l),
    ...op.get(l),
    ...op.i32(step),
    ...op.remU,
    ...op.sub,
  ];
  const column = (base: number): Code => [...op.get(base), ...bytes(J), ...op.add];
  /**
   * Multiply-accumulate of the two vectors (or scalars) on the stack into `into`: x·b + acc,
   * the same float as acc + x·b (addition commutes exactly).
   */
  const mac = (into: number, vector: boolean): Code =>
    fma ? [...op.get(into), ...op.f32x4RelaxedMadd, ...op.set(into)] : [
      ...(vector ? op.f32x4Mul : op.f32Mul),
      ...op.get(into),
      ...(vector ? op.f32x4Add : op.f32Add),
      ...op.set(into),
    ];

  /**
   * The k loop of a tile of r rows: `body(u)` does the u-th k step of a turn, A's pointers
   * at offset 4u. `strip`: B read from the packed strip (constant offsets), else from B with
   * the pointer advanced a row (NB bytes) after each step.
   */
  const kLoop = (r: number, strip: boolean, body: (u: number) => Code): Code => {
    const turn = (u: number): Code => [...body(u), ...(strip ? [] : plus(BP, op.get(NB)))];
    const advance = (steps: number): Code => [
      ...ap.slice(0, r).flatMap((p) => plus(p, op.i32(4 * steps))),
      ...(strip ? plus(BP, op.i32(4 * width * steps)) : []),
    ];
    const loopTo = (end: number, steps: number): Code => [
      ...op.block,
      ...op.loop,
      ...op.get(ap[0]),
      ...op.get(end),
      ...op.geU,
      ...op.brIf(1),
      ...Array.from({ length: steps }, (_, u) => turn(u)).flat(),
      ...advance(steps),
      ...op.br(0),
      ...op.end,
      ...op.end,
    ];
    return [
      ...setTo(ap[0], op.get(AROW)),
      ...ap.slice(1, r).flatMap((p, i) => setTo(p, [...op.get(ap[i]), ...bytes(K), ...op.add])),
      ...(unroll > 1 ? loopTo(ENDU, unroll) : []),
      ...loopTo(END, 1),
    ];
  };

  /** Stores one value per row of the tile at C, `value(row)` pushing its operands. */
  const store = (r: number, value: (row: number) => Code): Code => [
    ...setTo(CP, column(CROW)),
    ...Array.from({ length: r }, (_, row) => [
      ...value(row),
      ...(row < r - 1 ? plus(CP, op.get(NB)) : []),
    ]).flat(),
  ];

  /** The start of a sum: bias[J + offset / 4] (splat for a scalar tile) or +0. */
  const initial = (offset: number, vector: boolean): Code => {
    if (!bias) return vector || fma ? op.zero128 : op.f32Zero;
    const at = column(BIAS);
    if (vector) return [...at, ...op.load128(offset)];
    return [...at, ...(fma ? op.load32Splat(offset) : op.f32Load(offset))];
  };
  /** The clamp of the value on the stack with relu (`pmax(0, x)`: 0 < x ? x : 0). */
  const clamp = (vector: boolean): Code => {
    if (!relu) return [];
    if (vector) return [...op.set(x), ...op.zero128, ...op.get(x), ...op.f32x4Pmax];
    const [zero, value] = [op.f32Zero, op.get(sb)];
    return [...op.set(sb), ...value, ...zero, ...zero, ...value, ...op.f32Lt, ...op.select];
  };

  /** r rows × v vectors of C; B from the packed strip (`strip`) or directly. */
  const tile = (r: number, v: number, strip: boolean): Code => [
    ...acc.slice(0, r).flatMap((row) =>
      row.slice(0, v).flatMap((a, j) => setTo(a, initial(16 * j, true)))
    ),
    ...setTo(
      BP,
      strip
        ? [...op.get(P), ...op.get(J), ...op.get(K), ...op.mul, ...op.i32(2), ...op.shl, ...op.add]
        : column(B),
    ),
    ...kLoop(r, strip, (u) => [
      ...bv.slice(0, v).flatMap((b, i) =>
        setTo(b, [...op.get(BP), ...op.load128((strip ? 4 * width * u : 0) + 16 * i)])
      ),
      ...acc.slice(0, r).flatMap((row, i) => [
        ...setTo(x, [...op.get(ap[i]), ...op.load32Splat(4 * u)]),
        ...row.slice(0, v).flatMap((a, j) => [...op.get(x), ...op.get(bv[j]), ...mac(a, true)]),
      ]),
    ]),
    ...store(
      r,
      (row) =>
        acc[row].slice(0, v).flatMap((a, i) => [
          ...op.get(CP),
          ...op.get(a),
          ...clamp(true),
          ...op.store128(16 * i),
        ]),
    ),
  ];

  /** r rows × one column of C (scalar f32, or lane 0 of vectors with fma). */
  const scalarTile = (r: number): Code => {
    const load = (offset: number) => (fma ? op.load32Splat(offset) : op.f32Load(offset));
    return [
      ...sacc.slice(0, r).flatMap((a) => setTo(a, initial(0, false))),
      ...setTo(BP, column(B)),
      ...kLoop(r, false, (u) => [
        ...setTo(sb, [...op.get(BP), ...load(0)]),
        ...sacc.slice(0, r).flatMap((a, i) => [
          ...op.get(ap[i]),
          ...load(4 * u),
          ...op.get(sb),
          ...mac(a, false),
        ]),
      ]),
      ...store(r, (row) => [
        ...op.get(CP),
        ...op.get(sacc[row]),
        ...(fma ? [...clamp(true), ...op.f32x4ExtractLane(0)] : clamp(false)),
        ...op.f32Store(),
      ]),
    ];
  };

  /** One band of r rows: full tiles, then single vectors, then single columns. */
  const band = (r: number): Code => [
    ...setTo(END, [...op.get(AROW), ...bytes(K), ...op.add]),
    ...setTo(ENDU, [...op.get(AROW), ...floorTo(K, unroll), ...op.i32(2), ...op.shl, ...op.add]),
    ...countedLoop(J, NV, width, tile(r, vectors, packed)),
    ...(vectors > 1 ? loopFrom(J, N4, 4, tile(r, 1, false)) : []),
    ...loopFrom(J, N, 1, scalarTile(r)),
    ...plus(AROW, [...bytes(K), ...op.i32(r), ...op.mul]),
    ...plus(CROW, [...op.get(NB), ...op.i32(r), ...op.mul]),
  ];

  /** Copies B's full-tile strips to p, strip after strip, k rows of `width` floats each. */
  const pack: Code = [
    ...setTo(DST, op.get(P)),
    ...countedLoop(J, NV, width, [
      ...setTo(SRC, column(B)),
      ...setTo(SEND, [...op.get(SRC), ...op.get(K), ...op.get(NB), ...op.mul, ...op.add]),
      ...op.loop,
      ...Array.from({ length: vectors }, (_, i) => [
        ...op.get(DST),
        ...op.get(SRC),
        ...op.load128(16 * i),
        ...op.store128(16 * i),
      ]).flat(),
      ...plus(SRC, op.get(NB)),
      ...plus(DST, op.i32(4 * width)),
      ...op.get(SRC),
      ...op.get(SEND),
      ...op.ltU,
      ...op.brIf(0),
      ...op.end,
    ]),
  ];

  const body: Code = [
    ...setTo(NB, bytes(N)),
    ...setTo(MR, floorTo(M, rows)),
    ...setTo(NV, floorTo(N, width)),
    ...setTo(N4, floorTo(N, 4)),
    ...(packed ? pack : []),
    ...setTo(AROW, op.get(A)),
    ...setTo(CROW, op.get(C)),
    ...countedLoop(I, MR, rows, band(rows)),
    ...loopFrom(I, M, 1, band(1)),
  ];
  return { name: "gemm", params: 8, locals: types, body };
}

/** The module exporting `gemm` for one shape of kernel, importing env.memory. */
export function gemmModule(shape: GemmShape): Uint8Array<ArrayBuffer> {
  if (!(shape.rows >= 1 && shape.vectors >= 1 && shape.unroll >= 1)) {
    throw new Error(`gemmModule needs rows, vectors and unroll ≥ 1, got ${JSON.stringify(shape)}`);
  }
  return encodeModule([generate(shape)]);
}
