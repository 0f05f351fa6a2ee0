/** Option parsers and options shared by the sub-commands. */
import { Command, InvalidArgumentError, Option } from "@commander-js/extra-typings";
import { resolve } from "node:path";
import { UserError } from "../declare/errors.ts";
import type { PipelineRef } from "../declare/loader.ts";
import type { BackendResolver } from "../run/prepare.ts";
import { openProject, type Project } from "../store/project.ts";
import type { StatusOptions } from "../run/status.ts";

/**
 * What the composition root (`cli.ts`) hands the CLI: the compute backends it offers
 * (`auto` first) and the resolver of `auto`. The engine itself imports no model code.
 */
export interface CliHost {
  backends: readonly [string, ...string[]];
  resolveBackend: BackendResolver;
}

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

export const backendOption = (host: CliHost) =>
  new Option("--backend <name>", "compute backend for tasks that use one (auto resolves once)")
    .choices(host.backends).default(host.backends[0] as string);
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
export function planningCommand(name: string, description: string, host: CliHost) {
  return new Command(name)
    .description(description)
    .argument("[name]", "pipeline name: pipelines/<name>.ts, e.g. weekly-tft or study/phase")
    .option("--file <path>", "run the DAG file at this path instead of a named pipeline")
    .addOption(setOption())
    .addOption(forceOption())
    .addOption(onlyOption())
    .addOption(backendOption(host))
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

/** `<name>` or `--file <path>` (resolved against the current folder): exactly one. */
export function pipelineRefFrom(name: string | undefined, file: string | undefined): PipelineRef {
  if (name !== undefined && file !== undefined) {
    throw new UserError(`give a pipeline name or --file, not both ("${name}", --file ${file})`);
  }
  if (file !== undefined) return { file: resolve(file) };
  if (name === undefined) {
    throw new UserError(
      "name a pipeline (`deno task pipelines` lists them) or pass --file <path>",
    );
  }
  return name;
}

/** What `pipeline` and `status` plan with, from the options they share. */
export function planOptionsFrom(
  name: string | undefined,
  options: {
    file?: string;
    set: string[];
    seed?: number;
    backend: string;
    data?: string;
    offline?: true;
    force: string[];
    only: string[];
  },
  project: Project,
  host: CliHost,
): StatusOptions {
  return {
    pipeline: pipelineRefFrom(name, options.file),
    overrides: options.set,
    seed: options.seed,
    backend: options.backend,
    resolveBackend: host.resolveBackend,
    dataDir: dataDirFrom(options.data, project),
    offline: options.offline ?? false,
    force: options.force,
    only: options.only,
  };
}
