/**
 * A WebAssembly module written as bytes, for the few kernels finfusion adds to the wasm
 * backend (`transpose.ts`, `batched_matmul.ts`, `gemm.ts`, `rows.ts`). The module imports the
 * tfjs wasm backend's own memory, so a kernel reads and writes tensors where they already live
 * (no copies), and exports functions of i32 arguments (byte offsets and sizes; f64 ones after
 * them where a kernel needs a constant such as ε) without results.
 *
 * Only the instructions those kernels use are here; each helper returns the encoded bytes
 * of one instruction. Encoding: https://webassembly.github.io/spec/core/binary/ and the
 * fixed-width SIMD proposal's opcode table (prefix 0xfd).
 */

export type Code = number[];

/** Unsigned LEB128. */
export function uleb(value: number): Code {
  const out: Code = [];
  do {
    let byte = value & 0x7f;
    value >>>= 7;
    if (value !== 0) byte |= 0x80;
    out.push(byte);
  } while (value !== 0);
  return out;
}

/** Signed LEB128 of a 32-bit integer. */
export function sleb(value: number): Code {
  const out: Code = [];
  while (true) {
    const byte = value & 0x7f;
    value >>= 7;
    const done = (value === 0 && (byte & 0x40) === 0) || (value === -1 && (byte & 0x40) !== 0);
    out.push(done ? byte : byte | 0x80);
    if (done) return out;
  }
}

export const I32 = 0x7f;
export const F32 = 0x7d;
export const V128 = 0x7b;
export const F64 = 0x7c;

/** A memory argument: alignment hint (log2 bytes) and a constant byte offset. */
const memarg = (align: number, offset: number): Code => [align, ...uleb(offset)];

/** Instructions. `offset` is a constant byte offset added to the address on the stack. */
export const op = {
  get: (local: number): Code => [0x20, ...uleb(local)],
  set: (local: number): Code => [0x21, ...uleb(local)],
  tee: (local: number): Code => [0x22, ...uleb(local)],
  i32: (value: number): Code => [0x41, ...sleb(value)],
  add: [0x6a],
  sub: [0x6b],
  mul: [0x6c],
  remU: [0x70],
  divU: [0x6e],
  shl: [0x74],
  ltU: [0x49],
  geU: [0x4f],
  gtU: [0x4b],
  /** block / loop without a result; close each with `end`. */
  block: [0x02, 0x40],
  loop: [0x03, 0x40],
  end: [0x0b],
  br: (depth: number): Code => [0x0c, ...uleb(depth)],
  brIf: (depth: number): Code => [0x0d, ...uleb(depth)],
  /** v128.load / v128.store with 16-byte alignment hint 4 (2^4) — hints only. */
  load128: (offset = 0): Code => [0xfd, 0x00, ...memarg(4, offset)],
  store128: (offset = 0): Code => [0xfd, 0x0b, ...memarg(4, offset)],
  /** v128.load32_splat: one f32 from memory into all four lanes (alignment hint 4 bytes). */
  load32Splat: (offset = 0): Code => [0xfd, 0x09, ...memarg(2, offset)],
  /** v128.const with all 128 bits zero (four +0.0 floats). */
  zero128: [0xfd, 0x0c, ...Array(16).fill(0)] as Code,
  f32x4Splat: [0xfd, 0x13],
  f32x4Add: [0xfd, ...uleb(0xe4)],
  f32x4Mul: [0xfd, ...uleb(0xe6)],
  /**
   * f32x4.relaxed_madd (relaxed SIMD, opcode 0x105): a·b + c for stack a, b, c. V8 emits a
   * fused multiply-add where the CPU has one (one rounding), else a multiply then an add.
   */
  f32x4RelaxedMadd: [0xfd, ...uleb(0x105)],
  /** f32x4.pmax(a, b) = a < b ? b : a, lane by lane. */
  f32x4Pmax: [0xfd, ...uleb(0xeb)],
  f32Lt: [0x5d],
  /** select(x, y, condition): x if the i32 condition is non-zero, else y. */
  select: [0x1b],
  f32x4ExtractLane: (lane: number): Code => [0xfd, 0x1f, lane],
  /** Scalar f32 memory access (alignment hint 4 bytes) and arithmetic, for remainders. */
  f32Load: (offset = 0): Code => [0x2a, ...memarg(2, offset)],
  f32Store: (offset = 0): Code => [0x38, ...memarg(2, offset)],
  f32Zero: [0x43, 0x00, 0x00, 0x00, 0x00],
  f32Add: [0x92],
  f32Mul: [0x94],
  /** Scalar float64: loads and stores (alignment hint 8 bytes), arithmetic, conversions. */
  f64Load: (offset = 0): Code => [0x2b, ...memarg(3, offset)],
  f64Store: (offset = 0): Code => [0x39, ...memarg(3, offset)],
  f64Const: (value: number): Code => [0x44, ...new Uint8Array(new Float64Array([value]).buffer)],
  f64Add: [0xa0],
  f64Sub: [0xa1],
  f64Mul: [0xa2],
  f64Div: [0xa3],
  f64Sqrt: [0x9f],
  f64Lt: [0x63],
  /** f64.promote_f32 (exact) and f32.demote_f64 (round to nearest, ties to even). */
  promote: [0xbb],
  demote: [0xb6],
  /** f64.convert_i32_u. */
  f64FromU32: [0xb8],
  /** i8x16.shuffle picking 32-bit lanes: 0–3 from the first operand, 4–7 from the second. */
  shuffle32: (lanes: [number, number, number, number]): Code => [
    0xfd,
    0x0d,
    ...lanes.flatMap((lane) => [4 * lane, 4 * lane + 1, 4 * lane + 2, 4 * lane + 3]),
  ],
};

/** `for (local = 0; local < limit; local += step) body`, with limit a local. */
export function countedLoop(local: number, limit: number, step: number, body: Code): Code {
  return [...op.i32(0), ...op.set(local), ...loopFrom(local, limit, step, body)];
}

/** `for (; local < limit; local += step) body`: `countedLoop` from the local's current value. */
export function loopFrom(local: number, limit: number, step: number, body: Code): Code {
  return [
    ...op.block,
    ...op.loop,
    ...op.get(local),
    ...op.get(limit),
    ...op.geU,
    ...op.brIf(1),
    ...body,
    ...op.get(local),
    ...op.i32(step),
    ...op.add,
    ...op.set(local),
    ...op.br(0),
    ...op.end,
    ...op.end,
  ];
}

export interface ExportedFunction {
  name: string;
  /** Number of i32 parameters. */
  params: number;
  /** Number of f64 parameters after the i32 ones. */
  f64Params?: number;
  /** Extra locals beyond the parameters, by type (I32, F32, F64 or V128). */
  locals: number[];
  body: Code;
}

function section(id: number, contents: Code): Code {
  return [id, ...uleb(contents.length), ...contents];
}

function vector(items: Code[]): Code {
  return [...uleb(items.length), ...items.flat()];
}

function name(text: string): Code {
  const bytes = [...new TextEncoder().encode(text)];
  return [...uleb(bytes.length), ...bytes];
}

/**
 * The module's bytes: imports env.memory (at least one page), exports the functions, and
 * names them `finfusion_<name>` in a name section, so a V8 profile (`--v8-flags=--prof`)
 * tells our kernels apart instead of listing each module's `wasm-function[0]`.
 */
export function encodeModule(functions: ExportedFunction[]): Uint8Array<ArrayBuffer> {
  const types = functions.map((f) => {
    const params = [...Array(f.params).fill([I32]), ...Array(f.f64Params ?? 0).fill([F64])];
    return [0x60, ...vector(params), 0x00];
  });
  const memoryImport = [...name("env"), ...name("memory"), 0x02, 0x00, ...uleb(1)];
  const bodies = functions.map((f) => {
    const groups = f.locals.map((type) => [...uleb(1), type]);
    const body = [...vector(groups), ...f.body, ...op.end];
    return [...uleb(body.length), ...body];
  });
  return new Uint8Array([
    ...[0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00],
    ...section(1, vector(types)),
    ...section(2, vector([memoryImport])),
    ...section(3, vector(functions.map((_, i) => uleb(i)))),
    ...section(7, vector(functions.map((f, i) => [...name(f.name), 0x00, ...uleb(i)]))),
    ...section(10, vector(bodies)),
    ...section(0, [
      ...name("name"),
      ...section(1, vector(functions.map((f, i) => [...uleb(i), ...name(`finfusion_${f.name}`)]))),
    ]),
  ]);
}

const instances = new Map<string, WeakMap<WebAssembly.Memory, WebAssembly.Exports>>();

/**
 * The exports of module `key` (its bytes made by `bytes` on first use) instantiated on
 * `memory`: one instance per module and memory, so a heap that grows between calls (same
 * memory object, larger buffer) needs nothing.
 */
export function instanceFor(
  memory: WebAssembly.Memory,
  key: string,
  bytes: () => Uint8Array<ArrayBuffer>,
): WebAssembly.Exports {
  let byMemory = instances.get(key);
  if (!byMemory) instances.set(key, byMemory = new WeakMap());
  let exports = byMemory.get(memory);
  if (!exports) {
    exports =
      new WebAssembly.Instance(new WebAssembly.Module(bytes()), { env: { memory } }).exports;
    byMemory.set(memory, exports);
  }
  return exports;
}
