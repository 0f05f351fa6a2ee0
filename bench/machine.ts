/**
 * The machine a benchmark ran on: the CPU model and the SIMD extensions that set PyTorch's BLAS
 * speed (AVX2, FMA, AVX-512) against finfusion's 128-bit WebAssembly SIMD. Ratios against
 * PyTorch moved by ~15% when this project moved from an AVX2 to an AVX-512 machine, so
 * `deno task bench` prints this first and stores it in `out/bench/latest.json`. {@link cpuBackends}
 * says which CPU backends the modules time here.
 */

import type { BackendName } from "../models/tf/backend.ts";
import { relaxedMaddFuses } from "../models/tf/wasm_simd/fma_probe.ts";

export interface Machine {
  /** CPU model name, or the OS and architecture where it cannot be read. */
  cpu: string;
  cpus: number;
  /** The SIMD extensions of {@link SIMD_FLAGS} the CPU reports, in that order. */
  simd: string[];
}

/** CPU flags that decide how fast a native BLAS runs (x86-64, then ARM's NEON). */
export const SIMD_FLAGS = ["avx2", "fma", "avx512f", "asimd"];

/** The machine from Linux's `/proc/cpuinfo` text (its first processor), or from Deno elsewhere. */
export function describeMachine(cpuinfo: string | null, cpus: number): Machine {
  const field = (name: string) =>
    cpuinfo?.match(new RegExp(`^${name}\\s*:\\s*(.*)$`, "m"))?.[1].trim() ?? null;
  const flags = new Set((field("flags") ?? field("Features") ?? "").split(/\s+/));
  return {
    cpu: field("model name") ?? `${Deno.build.os} ${Deno.build.arch}`,
    cpus,
    simd: SIMD_FLAGS.filter((flag) => flags.has(flag)),
  };
}

/**
 * `/proc/cpuinfo`, or null off Linux. Deno lets only a process with all permissions read it,
 * and `deno task bench` runs sandboxed, so it is read by `deno eval` (which has them), as
 * `process_monitor.ts` reads `/proc/<pid>`.
 */
async function readCpuinfo(): Promise<string | null> {
  if (Deno.build.os !== "linux") return null;
  try {
    return await Deno.readTextFile("/proc/cpuinfo");
  } catch {
    const script = 'console.log(Deno.readTextFileSync("/proc/cpuinfo"))';
    const output = await new Deno.Command(Deno.execPath(), { args: ["eval", script] }).output()
      .catch(() => null);
    return output?.success ? new TextDecoder().decode(output.stdout) : null;
  }
}

/** This machine, read from `/proc/cpuinfo` where it exists. */
export async function thisMachine(): Promise<Machine> {
  return describeMachine(await readCpuinfo(), navigator.hardwareConcurrency);
}

/** One line for the run's start: what the ratios were measured on. */
export function machineLine({ cpu, cpus, simd }: Machine): string {
  const extensions = simd.length ? simd.join(" ") : "no AVX2/FMA/AVX-512/NEON flags read";
  return `machine: ${cpu}, ${cpus} CPUs (${extensions}); compare ratios against PyTorch ` +
    "only between runs on the same CPU";
}

/** The CPU backends a benchmark times here: wasm, and wasm-fma where multiply-add fuses. */
export function cpuBackends(): BackendName[] {
  return relaxedMaddFuses() ? ["wasm", "wasm-fma"] : ["wasm"];
}
