/**
 * The TSMixer step profile (`bench/mixers/step_profile.ts`): the kernel count of a training
 * step does not depend on timing, repeats exactly, leaves out custom-gradient scopes, and
 * stays well under the 578 kernels a step ran before the block was fused (a regression
 * guard for the mixer's speed that no machine load can flake).
 */
import assert from "node:assert/strict";
import { profileMixerStep } from "../../bench/mixers/step_profile.ts";

Deno.test("a TSMixer training step runs a fixed, fused-sized number of kernels", async () => {
  const first = await profileMixerStep(1, 1);
  const second = await profileMixerStep(1, 2);
  assert.equal(first.kernelsPerStep, second.kernelsPerStep);
  assert.ok(first.kernelsPerStep < 450, `${first.kernelsPerStep} kernels per step`);
  assert.ok(!first.byKernel.has("unnamed scope"), "scopes are not counted as kernels");
  assert.ok(first.byKernel.has("_FusedMatMul"), "the fused block's dense layers ran");
  assert.ok(first.kernelMs > 0 && Number.isFinite(first.kernelMs));
});
