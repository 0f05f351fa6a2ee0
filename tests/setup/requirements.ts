/**
 * What the test suite needs from the machine beyond Deno, and what to do about what is
 * missing. Pure: the probing and installing live in `main.ts`, so the decision is testable
 * without uninstalling anything.
 */

/** One thing the suite needs from the operating system. */
export interface Requirement {
  /** What must be present, in words. */
  what: string;
  /** Which tests need it. */
  why: string;
  /** The Debian package that brings it. */
  debianPackage?: string;
  /** What to do instead, when no package brings it. */
  remedy?: string;
}

export const CHROMIUM_PATH = "/usr/bin/chromium";

export const CHROMIUM: Requirement = {
  what: `headless Chromium at ${CHROMIUM_PATH}`,
  debianPackage: "chromium",
  why: "the report-page browser tests (tests/reports/html/) open the rendered report in it; " +
    "the suite never downloads a browser of its own",
};

export const VULKAN: Requirement = {
  what: "a Vulkan driver that offers a WebGPU adapter (Mesa's software lavapipe will do)",
  debianPackage: "mesa-vulkan-drivers",
  why: "the WebGPU tests (tests/models/**/webgpu_test.ts) run tfjs's webgpu backend on it",
};

export const REDIS: Requirement = {
  what: "redis-server (Redis 7) on the PATH",
  debianPackage: "redis-server",
  why: "the job queue tests (tests/engine/queue/) start a real Redis on a free loopback port " +
    "for BullMQ; none is mocked",
};

export const REFERENCE_DATA: Requirement = {
  what: "the reference data: ../shared/data beside the clone, or the folder in $FINFUSION_DATA",
  why: "the data, task and docs-example tests read the real series from it",
  remedy: "put the shared reference data beside the clone as ../shared/data, or set " +
    "FINFUSION_DATA=DIR (the layout is in data/README.md)",
};

/** What was found on the machine. */
export interface Facts {
  /** `Deno.build.os`. */
  os: string;
  /** The requirements not met. */
  missing: Requirement[];
  /** How packages can be installed: as root, through passwordless sudo, or not at all. */
  privilege: "root" | "sudo" | "none";
  /** Whether `apt-get` exists. */
  apt: boolean;
}

/** What the setup will do. */
export type Plan =
  | { action: "none" }
  | { action: "install"; packages: string[]; commands: string[][]; notice: string }
  | { action: "fail"; message: string };

export const APT_ENV = { DEBIAN_FRONTEND: "noninteractive" };

/** Decides, from the facts, whether to do nothing, install packages, or fail and say why. */
export function planSetup(facts: Facts): Plan {
  if (facts.missing.length === 0) return { action: "none" };
  const packages = [...new Set(facts.missing.flatMap((r) => r.debianPackage ?? []))];
  const needs = facts.missing.map((r) =>
    `  - ${r.what}${r.debianPackage ? ` (Debian package ${r.debianPackage})` : ""}: ${r.why}` +
    (r.remedy ? `; ${r.remedy}` : "")
  ).join("\n");
  const install = `apt-get install -y ${packages.join(" ")}`;
  const manual = facts.missing.some((r) => !r.debianPackage);
  if (!manual && facts.os === "linux" && facts.apt && facts.privilege !== "none") {
    const sudo = facts.privilege === "sudo" ? ["sudo", "-n"] : [];
    return {
      action: "install",
      packages,
      commands: [
        [...sudo, "apt-get", "update"],
        [...sudo, "apt-get", "install", "-y", ...packages],
      ],
      notice: `test setup: installing ${packages.join(", ")} with apt-get` +
        `${facts.privilege === "sudo" ? " (through sudo)" : ""}, because the test suite needs:\n` +
        needs,
    };
  }
  const sudo = facts.privilege === "root" ? "" : "sudo ";
  const how = packages.length === 0
    ? "Nothing of this can be installed by the test command."
    : facts.os !== "linux"
    ? `This machine runs ${facts.os}: install the equivalent yourself (Chromium must be at ` +
      `${CHROMIUM_PATH}, as the browser tests expect).`
    : !facts.apt
    ? `There is no apt-get here: install the equivalent packages with this system's package ` +
      `manager (Chromium must be at ${CHROMIUM_PATH}).`
    : facts.privilege === "none"
    ? `This user is not root and has no passwordless sudo, so nothing was installed. Run\n` +
      `  sudo apt-get update && sudo ${install}\nonce.`
    : `Nothing was installed yet: the test command installs the packages itself (${sudo}` +
      `${install}) once the rest is in place.`;
  return {
    action: "fail",
    message: `test setup: the test suite needs what this machine lacks:\n${needs}\n${how}\n` +
      "Then run the test command again. No test is skipped for want of these.",
  };
}
