/**
 * Runs before `deno test` (the `test` task): finds what the suite needs from the machine
 * (`requirements.ts`: reference data, Chromium, a Vulkan driver, redis-server), installs the missing Debian packages when it can (root or passwordless
 * sudo), saying on stderr what and why, and otherwise exits 1 naming what to install.
 */
import { fromFileUrl } from "../../engine/store/paths.ts";
import {
  APT_ENV,
  CHROMIUM,
  CHROMIUM_PATH,
  type Facts,
  planSetup,
  REDIS,
  REFERENCE_DATA,
  type Requirement,
  VULKAN,
} from "./requirements.ts";

/** The reference data folder the tests read (tests/data/_helpers.ts's rule). */
function referenceData(): string {
  return Deno.env.get("FINFUSION_DATA") ??
    fromFileUrl(new URL("../../../shared/data", import.meta.url).href);
}

function exists(path: string, directory = false): boolean {
  try {
    const info = Deno.statSync(path);
    return !directory || info.isDirectory;
  } catch {
    return false;
  }
}

async function succeeds(command: string, args: string[]): Promise<boolean> {
  try {
    const output = await new Deno.Command(command, { args, stdout: "null", stderr: "null" })
      .output();
    return output.success;
  } catch {
    return false;
  }
}

/**
 * Whether WebGPU offers an adapter, asked in a fresh Deno process (wgpu reads its driver
 * list once per process, so a probe after installing must not reuse this one).
 */
async function hasWebGpuAdapter(): Promise<boolean> {
  const module = new URL("../../models/tf/webgpu_adapter.ts", import.meta.url).href;
  const script = `const { requestWebGpuAdapter } = await import(${JSON.stringify(module)});
    const adapter = await requestWebGpuAdapter().catch(() => null);
    Deno.exit(adapter ? 0 : 3);`;
  return await succeeds(Deno.execPath(), ["eval", "--no-config", script]);
}

async function missingRequirements(): Promise<Requirement[]> {
  const missing: Requirement[] = [];
  if (!exists(referenceData(), true)) missing.push(REFERENCE_DATA);
  if (!exists(CHROMIUM_PATH)) missing.push(CHROMIUM);
  if (!await hasWebGpuAdapter()) missing.push(VULKAN);
  if (!await succeeds("redis-server", ["--version"])) missing.push(REDIS);
  return missing;
}

async function privilege(): Promise<Facts["privilege"]> {
  if (Deno.uid() === 0) return "root";
  return await succeeds("sudo", ["-n", "true"]) ? "sudo" : "none";
}

async function main(): Promise<number> {
  const missing = await missingRequirements();
  if (missing.length === 0) return 0;
  const plan = planSetup({
    os: Deno.build.os,
    missing,
    privilege: await privilege(),
    apt: await succeeds("apt-get", ["--version"]),
  });
  if (plan.action === "fail") {
    console.error(plan.message);
    return 1;
  }
  if (plan.action === "none") return 0;
  console.error(plan.notice);
  for (const [command, ...args] of plan.commands) {
    console.error(`test setup: ${command} ${args.join(" ")}`);
    // apt's progress goes to stderr too: stdout stays the test runner's.
    const child = new Deno.Command(command, {
      args,
      env: APT_ENV,
      stdout: "piped",
      stderr: "inherit",
    }).spawn();
    await child.stdout.pipeTo(Deno.stderr.writable, { preventClose: true });
    const status = await child.status;
    if (!status.success) {
      console.error(
        `test setup: \`${command} ${args.join(" ")}\` failed (exit ${status.code}); ` +
          `install ${plan.packages.join(" ")} yourself, then run the test command again.`,
      );
      return 1;
    }
  }
  const still = await missingRequirements();
  if (still.length > 0) {
    console.error(
      `test setup: after installing ${plan.packages.join(", ")} this machine still lacks ` +
        still.map((r) => r.what).join("; ") + ". Fix that, then run the test command again.",
    );
    return 1;
  }
  console.error(`test setup: installed ${plan.packages.join(", ")}; running the tests.`);
  return 0;
}

if (import.meta.main) Deno.exit(await main());
