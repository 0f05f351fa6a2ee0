/**
 * The Deno permissions each `deno task` runs with, in one place. The tasks in deno.json call
 * `deno run $(deno run <narrow flags> tools/permissions.ts <task>) …`, so the flags follow the
 * environment (the data mirror in $FINFUSION_DATA, the running Deno binary) while the
 * command itself stays sandboxed: it writes only the state and report folders of the
 * project, reaches only the two data hosts, and runs only git and Deno.
 */
import { FRED_GRAPH_BASE } from "../data/providers/fred.ts";
import { YAHOO_CHART_BASE } from "../data/providers/yahoo.ts";

/** A permission set: each entry lists what `--allow-<name>=` grants (empty list: all). */
export interface Permissions {
  read?: string[];
  write?: string[];
  net?: string[];
  env?: string[];
  run?: string[];
  sys?: string[];
  ffi?: string[];
}

/** Where the permissions are resolved: the environment a task starts in. */
export interface Context {
  /** $FINFUSION_DATA, if set. */
  dataDir?: string;
  /** The running Deno binary (`Deno.execPath()`). */
  deno: string;
  /** $TMPDIR, if set. */
  tmpDir?: string;
  /** $FINFUSION_PYTHON, if set. */
  python?: string;
  /** Host of the S3-compatible endpoint `--store s3://…` reaches (see {@link storeHost}). */
  storeHost?: string;
  /** `host:port` of the Redis in $FINFUSION_QUEUE (`pipeline --queue`), if set. */
  queueHost?: string;
}

/**
 * The host a `--store s3://…` run talks to: that of $AWS_ENDPOINT_URL_S3 or
 * $AWS_ENDPOINT_URL, else AWS S3 in $AWS_REGION (or $AWS_DEFAULT_REGION); none without them.
 */
export function storeHost(env: (name: string) => string | undefined): string | undefined {
  const endpoint = env("AWS_ENDPOINT_URL_S3") || env("AWS_ENDPOINT_URL");
  if (endpoint) return new URL(endpoint).host;
  const region = env("AWS_REGION") || env("AWS_DEFAULT_REGION");
  return region ? `s3.${region}.amazonaws.com` : undefined;
}

/**
 * The Redis a queued run reaches: that of $FINFUSION_QUEUE (`redis://host:port[/db]`), which
 * `pipeline` also reads as its `--queue`. The resolver cannot see the command line, so a run
 * given `--queue` alone may not reach the server and says to set FINFUSION_QUEUE instead.
 */
export function queueHost(env: (name: string) => string | undefined): string | undefined {
  const url = env("FINFUSION_QUEUE");
  if (!url) return undefined;
  const match = /^redis:\/\/([^/:@]+)(?::(\d+))?/.exec(url);
  return match ? `${match[1]}:${match[2] ?? 6379}` : undefined;
}

/** The hosts the fetch tasks read: Yahoo Finance's chart API and FRED's graph CSV. */
export const DATA_HOSTS = [YAHOO_CHART_BASE, FRED_GRAPH_BASE].map((url) => new URL(url).host);

/**
 * What loading and running a pipeline needs: the project and the data mirror to read, the
 * state (`.finfusion`) and report (`out`) folders to write, the data hosts (and the remote
 * store's endpoint, for `--store`), git (run info)
 * and Deno itself (`deno info` resolves each task's module graph for its cache key); the
 * environment (FINFUSION_*, WebGPU's settings), the CPU count (`--jobs`), the host facts
 * npm packages read when imported.
 */
function pipelinePermissions(context: Context): Permissions {
  return {
    read: [".", context.dataDir ?? "../shared"],
    write: [".finfusion", "out"],
    net: [
      ...DATA_HOSTS,
      ...(context.storeHost ? [context.storeHost] : []),
      ...(context.queueHost ? [context.queueHost] : []),
    ],
    env: [],
    run: ["git", context.deno],
    // osRelease: the S3 client's user agent (--store).
    sys: ["cpus", "networkInterfaces", "hostname", "osRelease"],
  };
}

/** The sandboxed tasks. */
export const TASKS = [
  "pipeline",
  "status",
  "pipelines",
  "cache",
  "report",
  "runs",
  "export",
  "bench",
  "worker",
];

/** The permission set of each sandboxed task. */
export function taskPermissions(task: string, context: Context): Permissions {
  const pipeline = pipelinePermissions(context);
  switch (task) {
    case "pipeline":
    case "status":
    case "pipelines":
    case "cache":
      return pipeline;
    case "report":
      return { ...pipeline, net: undefined, run: ["git"] };
    case "runs":
      return { read: ["."], env: [] };
    case "export":
      // Plans the node as a run would (no network), writes to stdout or a file in the project.
      return { ...pipeline, net: undefined, write: [".finfusion", "out", "."] };
    case "bench":
      // Its temp projects, the PyTorch reference (bench/tft/torch.ts) and the CLI runs it
      // times; those child runs have their own flags.
      return {
        ...pipeline,
        read: [],
        write: ["out", context.tmpDir ?? "/tmp"],
        net: undefined,
        run: ["git", context.deno, context.python ?? "/usr/bin/python3"],
      };
    case "worker":
      // Any host: the Redis named by --queue is known only from its command line. Its job
      // subprocesses (engine/queue/run_in_child.ts) run Deno with flags of their own.
      return { ...pipeline, net: [] };
    default:
      throw new Error(
        `tools/permissions.ts: no permission set for task "${task}"; ` +
          `known: ${TASKS.join(", ")}`,
      );
  }
}

/** Deno's flags for a permission set, one per permission. */
export function permissionFlags(permissions: Permissions): string[] {
  const spaced = Object.values(permissions).flat().find((value) => /\s/.test(value ?? ""));
  if (spaced !== undefined) {
    throw new Error(
      `tools/permissions.ts: "${spaced}" contains white space, which the task's flags cannot ` +
        "carry: move it to a path without spaces (or run `deno run` with your own flags)",
    );
  }
  return Object.entries(permissions)
    .filter(([, values]) => values !== undefined)
    .map(([name, values]) =>
      values.length === 0 ? `--allow-${name}` : `--allow-${name}=${values.join(",")}`
    );
}

if (import.meta.main) {
  const flags = permissionFlags(
    taskPermissions(Deno.args[0], {
      dataDir: Deno.env.get("FINFUSION_DATA") || undefined,
      deno: Deno.execPath(),
      tmpDir: Deno.env.get("TMPDIR") || undefined,
      python: Deno.env.get("FINFUSION_PYTHON") || undefined,
      storeHost: storeHost((name) => Deno.env.get(name)),
      queueHost: queueHost((name) => Deno.env.get(name)),
    }),
  );
  console.log(flags.join(" "));
}
