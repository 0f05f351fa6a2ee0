/** Option parsers and options shared by the sub-commands. */
import { Command, InvalidArgumentError, Option } from "@commander-js/extra-typings";
import type { BackendChoice } from "../../models/tf/backend.ts";
import { resolve } from "node:path";
import { openProject, type Project } from "../store/project.ts";
import type { StatusOptions } from "../run/status.ts";

// Listed here rather than imported: models/tf/backend.ts loads tfjs, which the CLI avoids.
const BACKENDS = ["auto", "wasm", "webgpu", "cpu"] as const satisfies readonly BackendChoice[];

export const collect = (value: string, previous: string[]) => [...previous, value];

export function positiveInt(value: string): number {
  const number = Number(value);
  if (!Number.isInteger(number) || number < 1) {
    throw new InvalidArgumentError("expected a positive integer");
  }
  return number;
}

export function integer(value: string): number {
  const number = Number(value);
  if (!Number.isInteger(number)) throw new InvalidArgumentError("expected an integer");
  return number;
}

export function seconds(value: string): number {
  const number = Number(value);
  if (!Number.isFinite(number) || number < 0) {
    throw new InvalidArgumentError("expected a number of seconds");
  }
  return number;
}

export const rootOption = () =>
  new Option("--root <dir>", "project root holding pipelines/ (default: current folder)");
export const stateOption = () =>
  new Option("--state <dir>", "state folder: store, ledger, lock (default: <root>/.finfusion)");
export const storeOption = () =>
  new Option(
    "--store <url>",
    "shared remote store behind the local one: s3://bucket/prefix (endpoint and credentials " +
      "from AWS_ENDPOINT_URL, AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_REGION)",
  );
export const outOption = () =>
  new Option("--out <dir>", "folder for rendered reports (default: <root>/out)");

export const backendOption = () =>
  new Option("--backend <name>", "compute backend for tasks that use one (auto resolves once)")
    .choices(BACKENDS).default("auto" as BackendChoice);
export const setOption = () =>
  new Option("--set <node.param=value>", "override a parameter (repeatable; JSON value)")
    .argParser(collect).default([] as string[]);
export const dataOption = () =>
  new Option(
    "--data <dir>",
    "offline data mirror (default: $FINFUSION_DATA, else ../shared/data beside the project)",
  );
export const offlineOption = () => new Option("--offline", "never touch the network");
export const seedOption = () =>
  new Option("--seed <n>", "override the pipeline's seed").argParser(integer);
export const onlyOption = () =>
  new Option("--only <node>", "run only this node and what it needs (repeatable)")
    .argParser(collect).default([] as string[]);
export const forceOption = () =>
  new Option("--force <node>", "recompute this node even if cached (repeatable)")
    .argParser(collect).default([] as string[]);

/** `--lock-timeout`: how long to wait for a run (or gc, or a re-render) holding the store. */
export const lockTimeoutOption = () =>
  new Option("--lock-timeout <seconds>", "give up waiting for another process's store lock")
    .argParser(seconds);

/** `--lock-timeout` in milliseconds; null (wait forever) when not given. */
export function lockTimeoutMsFrom(options: { lockTimeout?: number }): number | null {
  return options.lockTimeout === undefined ? null : options.lockTimeout * 1000;
}

/** `--verbose`: what it adds to the default (stacks of unexpected errors only). */
export const verboseOption = (what = "of an error") =>
  new Option(
    "--verbose",
    `print the stack trace ${what} (by default only of unexpected errors, such as a TypeError)`,
  );

/**
 * A sub-command on one pipeline (`pipeline`, `status`) with the options both plan with, as
 * {@link planOptionsFrom} reads them.
 */
export function planningCommand(name: string, description: string) {
  return new Command(name)
    .description(description)
    .argument("<name>", "pipeline name (a file in pipelines/)")
    .addOption(setOption())
    .addOption(forceOption())
    .addOption(onlyOption())
    .addOption(backendOption())
    .addOption(dataOption())
    .addOption(offlineOption())
    .addOption(seedOption());
}

export function projectFrom(
  options: { root?: string; state?: string; out?: string; store?: string },
): Project {
  return openProject({
    root: options.root,
    stateDir: options.state,
    outDir: options.out,
    store: options.store,
  });
}

/** The reference data folder that sits beside a clone (`<root>/../shared/data`). */
export function siblingDataDir(root: string): string | null {
  const candidate = resolve(root, "..", "shared", "data");
  try {
    return Deno.statSync(candidate).isDirectory ? candidate : null;
  } catch {
    return null;
  }
}

/** `--data`, else FINFUSION_DATA, else the reference data beside the project, else none. */
export function dataDirFrom(option: string | undefined, project: Project): string | null {
  return option ?? Deno.env.get("FINFUSION_DATA") ?? siblingDataDir(project.root);
}

/** What `pipeline` and `status` plan with, from the options they share. */
export function planOptionsFrom(
  name: string,
  options: {
    set: string[];
    seed?: number;
    backend: BackendChoice;
    data?: string;
    offline?: true;
    force: string[];
    only: string[];
  },
  project: Project,
): StatusOptions {
  return {
    pipeline: name,
    overrides: options.set,
    seed: options.seed,
    backend: options.backend,
    dataDir: dataDirFrom(options.data, project),
    offline: options.offline ?? false,
    force: options.force,
    only: options.only,
  };
}
