/**
 * Finding a WebGPU adapter without loading OpenGL or printing display-search noise.
 *
 * Deno's wgpu initialises every graphics API it can, Vulkan and OpenGL (EGL) alike, even when
 * Vulkan supplies the adapter. libEGL's exit-time destructor then races Deno's worker threads
 * and can abort the process after all work is done (glibc "corrupted size vs. prev_size" or
 * "double free", exit 134; seen in about one `deno test --parallel` run in fifteen with Mesa).
 * A real GPU on Linux is driven through Vulkan anyway, so Vulkan is the default there; set
 * `DENO_WEBGPU_BACKEND` (e.g. `gl`) before starting to choose otherwise.
 */

/** The variable Deno's WebGPU reads, once, when it first creates its wgpu instance. */
export const WGPU_BACKEND_VARIABLE = "DENO_WEBGPU_BACKEND";

/** The part of `Deno.env` this module needs (a fake in tests). */
export interface EnvAccess {
  get(key: string): string | undefined;
  set(key: string, value: string): void;
}

/**
 * Restricts wgpu to Vulkan on Linux unless the user chose a backend; returns the backend list
 * in effect (undefined: wgpu's own default). Without permission to read or write the
 * environment it leaves wgpu's default alone.
 */
export function preferVulkan(
  env: EnvAccess = Deno.env,
  os: string = Deno.build.os,
): string | undefined {
  try {
    const chosen = env.get(WGPU_BACKEND_VARIABLE);
    if (chosen !== undefined || os !== "linux") return chosen;
    env.set(WGPU_BACKEND_VARIABLE, "vulkan");
    return "vulkan";
  } catch {
    return undefined;
  }
}

/** The variable that disables Mesa's Vulkan device-selection layer. */
export const DEVICE_SELECT_OFF_VARIABLE = "NODEVICE_SELECT";

/**
 * On a machine with no display session, disables Mesa's device-selection layer: it looks for a
 * Wayland or X display to pick the GPU that drives it, and without one prints "error:
 * XDG_RUNTIME_DIR is invalid or not set in the environment." on every adapter request. wgpu
 * chooses the adapter itself, so the layer has nothing to add there. Returns whether it did.
 */
export function quietDeviceSelect(env: EnvAccess = Deno.env, os: string = Deno.build.os): boolean {
  try {
    if (os !== "linux" || env.get(DEVICE_SELECT_OFF_VARIABLE) !== undefined) return false;
    if (env.get("DISPLAY") || env.get("WAYLAND_DISPLAY")) return false;
    env.set(DEVICE_SELECT_OFF_VARIABLE, "1");
    return true;
  } catch {
    return false;
  }
}

/** The adapter WebGPU offers (null: none, or no `navigator.gpu`), Vulkan-only on Linux by default. */
export async function requestWebGpuAdapter(): Promise<GPUAdapter | null> {
  const gpu = (globalThis.navigator as { gpu?: GPU } | undefined)?.gpu;
  if (!gpu) return null;
  preferVulkan();
  quietDeviceSelect();
  return await gpu.requestAdapter();
}
