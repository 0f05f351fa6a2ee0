/**
 * WebGPU is restricted to Vulkan on Linux unless the user chose a backend, so wgpu never
 * loads libEGL (whose exit-time destructor can abort the process after the work is done).
 */
import assert from "node:assert/strict";
import {
  type EnvAccess,
  preferVulkan,
  requestWebGpuAdapter,
  WGPU_BACKEND_VARIABLE,
} from "../../../models/tf/webgpu_adapter.ts";

function fakeEnv(
  initial: Record<string, string> = {},
): EnvAccess & { values: Map<string, string> } {
  const values = new Map(Object.entries(initial));
  return {
    values,
    get: (key) => values.get(key),
    set: (key, value) => void values.set(key, value),
  };
}

Deno.test("preferVulkan sets Vulkan on Linux when the user chose nothing", () => {
  const env = fakeEnv();
  assert.equal(preferVulkan(env, "linux"), "vulkan");
  assert.equal(env.values.get(WGPU_BACKEND_VARIABLE), "vulkan");
});

Deno.test("preferVulkan keeps the user's choice and other systems' defaults", () => {
  const chosen = fakeEnv({ [WGPU_BACKEND_VARIABLE]: "gl" });
  assert.equal(preferVulkan(chosen, "linux"), "gl");
  assert.equal(chosen.values.get(WGPU_BACKEND_VARIABLE), "gl");
  const mac = fakeEnv();
  assert.equal(preferVulkan(mac, "darwin"), undefined);
  assert.equal(mac.values.size, 0);
});

Deno.test("preferVulkan without environment permission leaves wgpu's default", () => {
  const denied: EnvAccess = {
    get: () => {
      throw new Deno.errors.NotCapable("env access denied");
    },
    set: () => {
      throw new Error("unreachable");
    },
  };
  assert.equal(preferVulkan(denied, "linux"), undefined);
});

Deno.test({
  name: "requesting an adapter on Linux never loads libEGL",
  // A user who chose another wgpu backend (e.g. gl) has opted into EGL.
  ignore: Deno.build.os !== "linux" ||
    !["vulkan", undefined].includes(Deno.env.get(WGPU_BACKEND_VARIABLE)),
  fn: async () => {
    await requestWebGpuAdapter().catch(() => null);
    const libraries = await Deno.readTextFile("/proc/self/maps");
    assert.ok(!/libEGL/.test(libraries), "libEGL was loaded by WebGPU's adapter request");
  },
});
