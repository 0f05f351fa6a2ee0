import assert from "node:assert/strict";
import { CHROMIUM, type Facts, planSetup, REDIS, REFERENCE_DATA, VULKAN } from "./requirements.ts";

const linuxRoot: Facts = { os: "linux", missing: [], privilege: "root", apt: true };

Deno.test("test setup does nothing when the machine has Chromium and a WebGPU adapter", () => {
  assert.deepEqual(planSetup(linuxRoot), { action: "none" });
  assert.deepEqual(planSetup({ ...linuxRoot, privilege: "none", apt: false }), { action: "none" });
});

Deno.test("test setup installs exactly the missing Debian packages, apt-get update first", () => {
  const plan = planSetup({ ...linuxRoot, missing: [CHROMIUM, VULKAN] });
  assert.equal(plan.action, "install");
  if (plan.action !== "install") return;
  assert.deepEqual(plan.packages, ["chromium", "mesa-vulkan-drivers"]);
  assert.deepEqual(plan.commands, [
    ["apt-get", "update"],
    ["apt-get", "install", "-y", "chromium", "mesa-vulkan-drivers"],
  ]);
  assert.match(plan.notice, /installing chromium, mesa-vulkan-drivers with apt-get, because/);
  assert.match(plan.notice, /report-page browser tests/);
  assert.match(plan.notice, /WebGPU tests/);
  const vulkanOnly = planSetup({ ...linuxRoot, missing: [VULKAN] });
  assert.ok(vulkanOnly.action === "install");
  assert.deepEqual(vulkanOnly.packages, ["mesa-vulkan-drivers"]);
  assert.doesNotMatch(vulkanOnly.notice, /Chromium/);
});

Deno.test("test setup installs redis-server for the job queue tests, as it installs Chromium", () => {
  const plan = planSetup({ ...linuxRoot, missing: [REDIS] });
  assert.ok(plan.action === "install");
  assert.deepEqual(plan.commands, [
    ["apt-get", "update"],
    ["apt-get", "install", "-y", "redis-server"],
  ]);
  assert.match(plan.notice, /job queue tests/);
  const cannot = planSetup({ ...linuxRoot, privilege: "none", missing: [REDIS] });
  assert.ok(cannot.action === "fail");
  assert.match(cannot.message, /sudo apt-get install -y redis-server/);
});

Deno.test("test setup goes through passwordless sudo when it is not root", () => {
  const plan = planSetup({ ...linuxRoot, privilege: "sudo", missing: [CHROMIUM] });
  assert.ok(plan.action === "install");
  assert.deepEqual(plan.commands, [
    ["sudo", "-n", "apt-get", "update"],
    ["sudo", "-n", "apt-get", "install", "-y", "chromium"],
  ]);
  assert.match(plan.notice, /through sudo/);
});

Deno.test("test setup fails naming the exact packages when it cannot install them", () => {
  const plan = planSetup({ ...linuxRoot, privilege: "none", missing: [CHROMIUM, VULKAN] });
  assert.ok(plan.action === "fail");
  assert.match(
    plan.message,
    /sudo apt-get update && sudo apt-get install -y chromium mesa-vulkan-drivers/,
  );
  assert.match(plan.message, /\/usr\/bin\/chromium/);
  assert.match(plan.message, /No test is skipped/);
});

Deno.test("test setup off Debian says what to install instead of running apt", () => {
  const noApt = planSetup({ ...linuxRoot, apt: false, missing: [VULKAN] });
  assert.ok(noApt.action === "fail");
  assert.match(noApt.message, /no apt-get here/);
  assert.match(noApt.message, /mesa-vulkan-drivers/);
  const mac = planSetup({ ...linuxRoot, os: "darwin", missing: [CHROMIUM] });
  assert.ok(mac.action === "fail");
  assert.match(mac.message, /runs darwin/);
  assert.match(mac.message, /Chromium must be at \/usr\/bin\/chromium/);
});

Deno.test("test setup installs nothing while the reference data is missing, and says where it goes", () => {
  const plan = planSetup({ ...linuxRoot, missing: [REFERENCE_DATA, CHROMIUM] });
  assert.ok(plan.action === "fail");
  assert.match(plan.message, /beside the clone as \.\.\/shared\/data, or set FINFUSION_DATA=DIR/);
  assert.match(plan.message, /installs the packages itself \(apt-get install -y chromium\)/);
  const dataOnly = planSetup({ ...linuxRoot, missing: [REFERENCE_DATA] });
  assert.ok(dataOnly.action === "fail");
  assert.match(dataOnly.message, /Nothing of this can be installed by the test command/);
  assert.doesNotMatch(dataOnly.message, /apt-get/);
});
