/**
 * Whether this machine's WebAssembly fuses `f32x4.relaxed_madd` (one rounding: a true
 * fused multiply-add) or runs it as a multiply then an add (two roundings). The relaxed-SIMD
 * proposal lets V8 do either, by CPU. A fused multiply-add is exactly rounded, so results
 * computed with it are the same on every CPU that fuses; that is what lets the `wasm-fma`
 * backend be a backend of its own (one identity, one cache key) instead of "whatever this
 * CPU does".
 *
 * The probe computes (1 + 2⁻¹²)² − 1: exactly 2⁻¹¹ + 2⁻²⁴, which a fused step keeps; a
 * separate multiply rounds the square to 1 + 2⁻¹¹ first (the 2⁻²⁴ is half a unit in the last
 * place, a tie, rounded to even), leaving 2⁻¹¹.
 */
import { encodeModule, op } from "./module.ts";

const PROBE = encodeModule([{
  name: "madd",
  params: 0,
  locals: [],
  body: [
    // memory[0..16) = relaxed_madd(memory[16..32), memory[16..32), memory[32..48))
    ...op.i32(0),
    ...op.i32(16),
    ...op.load128(),
    ...op.i32(16),
    ...op.load128(),
    ...op.i32(32),
    ...op.load128(),
    ...op.f32x4RelaxedMadd,
    ...op.store128(),
  ],
}]);

let fuses: boolean | null = null;

/** True when `f32x4.relaxed_madd` rounds once here; false when it rounds twice or is missing. */
export function relaxedMaddFuses(): boolean {
  if (fuses !== null) return fuses;
  if (!WebAssembly.validate(PROBE)) return fuses = false;
  const memory = new WebAssembly.Memory({ initial: 1 });
  const floats = new Float32Array(memory.buffer, 0, 12);
  floats.fill(1 + 2 ** -12, 4, 8);
  floats.fill(-1, 8, 12);
  const { madd } = new WebAssembly.Instance(new WebAssembly.Module(PROBE), { env: { memory } })
    .exports as { madd: () => void };
  madd();
  return fuses = floats[0] === 2 ** -11 + 2 ** -24;
}
