/**
 * The instruction encoders of the byte module builder (`models/tf/wasm_simd/module.ts`)
 * against the WebAssembly spec's bytes (core binary format, and the fixed-width SIMD
 * opcode table for the 0xfd prefix), and a module built from them that runs and computes
 * what the instructions mean.
 */
import assert from "node:assert/strict";
import {
  encodeModule,
  F32,
  I32,
  loopFrom,
  op,
  V128,
} from "../../../../models/tf/wasm_simd/module.ts";

Deno.test("scalar instruction encoders match the spec's opcodes", () => {
  assert.deepEqual(op.sub, [0x6b]); // i32.sub
  assert.deepEqual(op.remU, [0x70]); // i32.rem_u
  assert.deepEqual(op.ltU, [0x49]); // i32.lt_u
  assert.deepEqual(op.f32Add, [0x92]); // f32.add
  assert.deepEqual(op.f32Mul, [0x94]); // f32.mul
  assert.deepEqual(op.f32Zero, [0x43, 0, 0, 0, 0]); // f32.const 0.0 (little-endian bits)
  // f32.load / f32.store: opcode, memarg (alignment log2 = 2, offset as unsigned LEB128).
  assert.deepEqual(op.f32Load(), [0x2a, 0x02, 0x00]);
  assert.deepEqual(op.f32Load(12), [0x2a, 0x02, 0x0c]);
  assert.deepEqual(op.f32Store(), [0x38, 0x02, 0x00]);
  assert.deepEqual(op.f32Store(200), [0x38, 0x02, 0xc8, 0x01]);
});

Deno.test("SIMD instruction encoders match the spec's opcodes", () => {
  // 0xfd, then the opcode as unsigned LEB128, then immediates.
  assert.deepEqual(op.load128(32), [0xfd, 0x00, 0x04, 0x20]); // v128.load
  assert.deepEqual(op.store128(200), [0xfd, 0x0b, 0x04, 0xc8, 0x01]); // v128.store
  assert.deepEqual(op.load32Splat(), [0xfd, 0x09, 0x02, 0x00]); // v128.load32_splat
  assert.deepEqual(op.load32Splat(8), [0xfd, 0x09, 0x02, 0x08]);
  assert.deepEqual(op.zero128, [0xfd, 0x0c, ...Array(16).fill(0)]); // v128.const, 16 bytes
  assert.deepEqual(op.f32x4Splat, [0xfd, 0x13]); // f32x4.splat = 19
  assert.deepEqual(op.f32x4Add, [0xfd, 0xe4, 0x01]); // f32x4.add = 228
  assert.deepEqual(op.f32x4Mul, [0xfd, 0xe6, 0x01]); // f32x4.mul = 230
});

Deno.test("a module of the new instructions runs and computes what they mean", () => {
  const [SRC, DST, I, LIMIT, F, V] = [0, 1, 2, 3, 4, 5];
  /** dst[at] = src[from], both float indices (at may be a local's value plus a constant). */
  const copy = (at: number[], from: number[]) => [
    ...op.get(DST),
    ...at,
    ...op.i32(2),
    ...op.shl,
    ...op.add,
    ...op.get(SRC),
    ...from,
    ...op.i32(2),
    ...op.shl,
    ...op.add,
    ...op.f32Load(),
    ...op.f32Store(),
  ];
  const body = [
    // dst[0..4] = src[0..4] · splat(src[4]) + splat(src[5]) + 0, through a v128 local.
    ...op.get(SRC),
    ...op.load128(),
    ...op.get(SRC),
    ...op.load32Splat(16),
    ...op.f32x4Mul,
    ...op.get(SRC),
    ...op.f32Load(20),
    ...op.f32x4Splat,
    ...op.f32x4Add,
    ...op.zero128,
    ...op.f32x4Add,
    ...op.set(V),
    ...op.get(DST),
    ...op.get(V),
    ...op.store128(),
    // dst[4] = src[0] · src[1] + src[2], through an f32 local.
    ...op.get(SRC),
    ...op.f32Load(),
    ...op.get(SRC),
    ...op.f32Load(4),
    ...op.f32Mul,
    ...op.get(SRC),
    ...op.f32Load(8),
    ...op.f32Add,
    ...op.set(F),
    ...op.get(DST),
    ...op.get(F),
    ...op.f32Store(16),
    // limit = 10 rem_u 7 − 1 = 2; for (i = 0; i < limit; i++) dst[5 + i] = src[i].
    ...op.i32(10),
    ...op.i32(7),
    ...op.remU,
    ...op.i32(1),
    ...op.sub,
    ...op.set(LIMIT),
    ...op.i32(0),
    ...op.set(I),
    ...loopFrom(I, LIMIT, 1, copy([...op.get(I), ...op.i32(5), ...op.add], op.get(I))),
    // 2 <u 3 branches past dst[7] = src[0]; 3 <u 2 does not skip dst[8] = src[2].
    ...op.block,
    ...op.i32(2),
    ...op.i32(3),
    ...op.ltU,
    ...op.brIf(0),
    ...copy(op.i32(7), op.i32(0)),
    ...op.end,
    ...op.block,
    ...op.i32(3),
    ...op.i32(2),
    ...op.ltU,
    ...op.brIf(0),
    ...copy(op.i32(8), op.i32(2)),
    ...op.end,
  ];
  const bytes = encodeModule([{ name: "run", params: 2, locals: [I32, I32, F32, V128], body }]);
  const memory = new WebAssembly.Memory({ initial: 1 });
  const run = new WebAssembly.Instance(new WebAssembly.Module(bytes), { env: { memory } })
    .exports.run as (src: number, dst: number) => void;
  const heap = new Float32Array(memory.buffer);
  heap.set([1.5, -2, 3, 0.25, 4, 0.5], 0);
  run(0, 64);
  assert.deepEqual([...heap.subarray(16, 25)], [6.5, -7.5, 12.5, 1.5, 0, 1.5, -2, 0, 3]);
});
