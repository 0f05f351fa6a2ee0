/**
 * WebGPU is restricted to Vulkan on Linux unless the user chose a backend, so wgpu never
 * loads libEGL (whose exit-time destructor can abort the process after the work is done).
 */
import assert from "node:assert/strict";
import {
  DEVICE_SELECT_OFF_VARIABLE,
  type EnvAccess,
  preferVulkan,
  quietDeviceSelect,
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

Deno.test("Mesa's device-select layer is turned off only on a headless Linux machine", () => {
  const headless = fakeEnv();
  assert.equal(quietDeviceSelect(headless, "linux"), true);
  assert.equal(headless.values.get(DEVICE_SELECT_OFF_VARIABLE), "1");
  const sessions: Record<string, string>[] = [{ DISPLAY: ":0" }, { WAYLAND_DISPLAY: "wayland-0" }];
  for (const session of sessions) {
    const desktop = fakeEnv(session);
    assert.equal(quietDeviceSelect(desktop, "linux"), false);
    assert.equal(desktop.values.get(DEVICE_SELECT_OFF_VARIABLE), undefined);
  }
  const chosen = fakeEnv({ [DEVICE_SELECT_OFF_VARIABLE]: "0" });
  assert.equal(quietDeviceSelect(chosen, "linux"), false);
  assert.equal(chosen.values.get(DEVICE_SELECT_OFF_VARIABLE), "0");
  assert.equal(quietDeviceSelect(fakeEnv(), "darwin"), false);
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

Deno.test("requesting an adapter on a headless machine prints nothing", async () => {
  const env = { ...Deno.env.toObject() };
  for (const key of ["XDG_RUNTIME_DIR", "DISPLAY", "WAYLAND_DISPLAY", DEVICE_SELECT_OFF_VARIABLE]) {
    delete env[key];
  }
  const module = new URL("../../../models/tf/webgpu_adapter.ts", import.meta.url).href;
  const script = `const { requestWebGpuAdapter } = await import(${JSON.stringify(module)});
    await requestWebGpuAdapter().catch(() => null);`;
  const result = await new Deno.Command(Deno.execPath(), {
    args: ["eval", script],
    env,
    clearEnv: true,
    stdout: "piped",
    stderr: "piped",
  }).output();
  const stderr = new TextDecoder().decode(result.stderr);
  assert.equal(result.code, 0, stderr);
  assert.equal(stderr, "");
});
