/** `bench/machine.ts`: the CPU model and SIMD flags read from /proc/cpuinfo text. */
import assert from "node:assert/strict";
import { describeMachine, machineLine, thisMachine } from "../../bench/machine.ts";

const INTEL = `processor\t: 0
vendor_id\t: GenuineIntel
model name\t: Intel(R) Xeon(R) Processor
flags\t\t: fpu sse4_2 fma avx avx2 avx512f avx512dq
`;
const ARM = `processor\t: 0
Features\t: fp asimd evtstrm aes
CPU implementer\t: 0x41
`;

Deno.test("describeMachine reads the model name and the BLAS-relevant SIMD flags", () => {
  assert.deepEqual(describeMachine(INTEL, 2), {
    cpu: "Intel(R) Xeon(R) Processor",
    cpus: 2,
    simd: ["avx2", "fma", "avx512f"],
  });
  const arm = describeMachine(ARM, 4);
  assert.deepEqual(arm.simd, ["asimd"]);
  assert.equal(arm.cpu, `${Deno.build.os} ${Deno.build.arch}`, "no model name: OS and arch");
  assert.deepEqual(describeMachine(null, 8).simd, []);
});

Deno.test("machineLine says what the ratios were measured on", () => {
  assert.equal(
    machineLine(describeMachine(INTEL, 2)),
    "machine: Intel(R) Xeon(R) Processor, 2 CPUs (avx2 fma avx512f); compare ratios against " +
      "PyTorch only between runs on the same CPU",
  );
  assert.match(machineLine(describeMachine(null, 1)), /\(no AVX2\/FMA\/AVX-512\/NEON flags read\)/);
});

Deno.test({
  name: "thisMachine reads this Linux machine's /proc/cpuinfo",
  ignore: Deno.build.os !== "linux",
  fn: async () => {
    const cpuinfo = await Deno.readTextFile("/proc/cpuinfo");
    assert.deepEqual(await thisMachine(), describeMachine(cpuinfo, navigator.hardwareConcurrency));
  },
});
