/**
 * Runs `deno <args>` as a child process and watches it: its output lines, each stamped with
 * when it arrived, and (on Linux) a time series of the CPU time and peak RSS of the whole
 * process, sampled from `/proc/<pid>/stat` (user + system time of all its threads, tfjs
 * Workers included, plus that of the children it waited for) and `/proc/<pid>/status`
 * (`VmHWM`, the peak resident set; the kernel updates its high-water mark lazily, so a later
 * reading can be lower and each sample keeps the highest so far). The last point's CPU time
 * is exact: what the child left in this process's `cutime`/`cstime` once it was reaped. On
 * another OS the usage is "unavailable" with the reason, never a guessed number.
 *
 * Deno lets only a process with all permissions read `/proc/<pid>`, and `deno task bench`
 * runs sandboxed, so {@link monitorDeno} runs this module as a small wrapper process
 * (`deno run -A bench/process_monitor.ts <interval ms> -- <args>`) that starts the child,
 * watches it and prints a {@link MonitoredRun} as JSON. Its own start is not in the numbers:
 * times count from the child's spawn.
 */
import { fromFileUrl } from "../engine/store/paths.ts";

export interface OutputLine {
  /** ms after the child was spawned. */
  atMs: number;
  stream: "stdout" | "stderr";
  text: string;
}

export interface ProcessSample {
  /** ms after the child was spawned. */
  atMs: number;
  /** User + system CPU ms of the child so far (all threads, and its reaped children). */
  cpuMs: number;
  /** The child's peak resident set so far: the highest VmHWM read up to this sample. */
  peakRssBytes: number;
}

export interface ProcessUsage {
  /** Samples in time order; the last is at the child's exit, with its exact CPU time. */
  samples: ProcessSample[];
  cpuMs: number;
  peakRssBytes: number;
}

export interface MonitoredRun {
  code: number;
  wallMs: number;
  lines: OutputLine[];
  usage: ProcessUsage | { unavailable: string };
}

export interface MonitorOptions {
  cwd?: string;
  env?: Record<string, string>;
  /** Time between samples (default 150 ms). */
  intervalMs?: number;
}

const SELF = fromFileUrl(import.meta.url);

/**
 * Runs and watches `deno <args>` (see the module comment). Throws with the last 30 lines of
 * its stderr when it exits with an error.
 */
export async function monitorDeno(
  args: string[],
  options: MonitorOptions = {},
): Promise<MonitoredRun> {
  const output = await new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", SELF, String(options.intervalMs ?? 150), "--", ...args],
    cwd: options.cwd,
    env: options.env,
    stdout: "piped",
    stderr: "piped",
  }).output();
  const decode = (bytes: Uint8Array) => new TextDecoder().decode(bytes);
  if (!output.success) {
    throw new Error(`process monitor failed on deno ${args.join(" ")}:\n${decode(output.stderr)}`);
  }
  const run = JSON.parse(decode(output.stdout)) as MonitoredRun;
  if (run.code !== 0) {
    const tail = run.lines.filter((line) => line.stream === "stderr").slice(-30);
    throw new Error(
      `deno ${args.join(" ")} exited ${run.code}:\n${tail.map((line) => line.text).join("\n")}`,
    );
  }
  return run;
}

/** CPU ms of the child at `atMs` after its spawn, interpolated between the samples around it. */
export function cpuMsAt(usage: ProcessUsage, atMs: number): number {
  let before = { atMs: 0, cpuMs: 0 };
  for (const sample of usage.samples) {
    if (sample.atMs >= atMs) {
      const span = sample.atMs - before.atMs;
      const share = span > 0 ? (atMs - before.atMs) / span : 1;
      return before.cpuMs + share * (sample.cpuMs - before.cpuMs);
    }
    before = sample;
  }
  return usage.cpuMs;
}

/** Why usage cannot be measured here, or null on Linux with `/proc`. */
export function usageUnavailable(os: typeof Deno.build.os): string | null {
  return os === "linux" ? null : `CPU and peak RSS are read from Linux's /proc; this is ${os}`;
}

/** User, system and reaped children's CPU time in ticks, from a `/proc/<pid>/stat` line. */
export function statTicks(stat: string): number {
  // Fields after "(comm)", which may hold spaces: state is field 3, utime..cstime 14..17.
  const fields = stat.slice(stat.lastIndexOf(")") + 2).trim().split(/\s+/);
  const ticks = fields.slice(11, 15).map(Number);
  if (ticks.length !== 4 || ticks.some((value) => !Number.isFinite(value))) {
    throw new Error(`unreadable /proc stat line: ${stat.slice(0, 120)}`);
  }
  return ticks.reduce((sum, value) => sum + value, 0);
}

/** `VmHWM` of a `/proc/<pid>/status` text, in bytes. */
export function peakRssBytes(status: string): number {
  const match = /^VmHWM:\s+(\d+) kB$/m.exec(status);
  if (!match) throw new Error("/proc status has no VmHWM line");
  return Number(match[1]) * 1024;
}

/** Ticks per second of `/proc` times: AT_CLKTCK (17) of this process's auxiliary vector. */
function clockTicksPerSecond(): number {
  const bytes = Deno.readFileSync("/proc/self/auxv");
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  for (let at = 0; at + 16 <= bytes.length; at += 16) {
    const type = view.getBigUint64(at, true);
    if (type === 17n) return Number(view.getBigUint64(at + 8, true));
    if (type === 0n) break;
  }
  throw new Error("/proc/self/auxv has no AT_CLKTCK entry");
}

async function collectLines(
  stream: ReadableStream<Uint8Array>,
  name: OutputLine["stream"],
  spawned: number,
  into: OutputLine[],
): Promise<void> {
  let pending = "";
  for await (const chunk of stream.pipeThrough(new TextDecoderStream())) {
    const atMs = performance.now() - spawned;
    const parts = (pending + chunk).split("\n");
    pending = parts.pop()!;
    for (const text of parts) into.push({ atMs, stream: name, text });
  }
  if (pending) into.push({ atMs: performance.now() - spawned, stream: name, text: pending });
}

/** The wrapper: spawns the child, samples it until it exits, returns what it saw. */
async function watch(args: string[], intervalMs: number): Promise<MonitoredRun> {
  const unavailable = usageUnavailable(Deno.build.os);
  const ticks = unavailable ? 0 : clockTicksPerSecond();
  const childTicksBefore = unavailable ? 0 : reapedChildTicks();
  const spawned = performance.now();
  const child = new Deno.Command(Deno.execPath(), { args, stdout: "piped", stderr: "piped" })
    .spawn();
  const lines: OutputLine[] = [];
  const reading = Promise.all([
    collectLines(child.stdout, "stdout", spawned, lines),
    collectLines(child.stderr, "stderr", spawned, lines),
  ]);
  const samples: ProcessSample[] = [];
  let peak = 0;
  let exited = false;
  const status = child.status.then((result) => {
    exited = true;
    return result;
  });
  while (!unavailable && !exited) {
    const sample = readSample(child.pid, ticks);
    if (sample) {
      peak = Math.max(peak, sample.peakRssBytes);
      samples.push({ atMs: performance.now() - spawned, cpuMs: sample.cpuMs, peakRssBytes: peak });
    }
    await Promise.race([new Promise((resolve) => setTimeout(resolve, intervalMs)), status]);
  }
  const { code } = await status;
  const wallMs = performance.now() - spawned;
  await reading;
  if (unavailable) return { code, wallMs, lines, usage: { unavailable } };
  const cpuMs = (reapedChildTicks() - childTicksBefore) * 1000 / ticks;
  samples.push({ atMs: wallMs, cpuMs, peakRssBytes: peak });
  return { code, wallMs, lines, usage: { samples, cpuMs, peakRssBytes: peak } };
}

/** A sample of a live child; null once it has exited (gone, or a zombie without memory). */
function readSample(pid: number, ticks: number): Omit<ProcessSample, "atMs"> | null {
  try {
    const stat = Deno.readTextFileSync(`/proc/${pid}/stat`);
    const memory = Deno.readTextFileSync(`/proc/${pid}/status`);
    if (/^State:\s+[ZX]/m.test(memory)) return null;
    return { cpuMs: statTicks(stat) * 1000 / ticks, peakRssBytes: peakRssBytes(memory) };
  } catch (error) {
    if (error instanceof Deno.errors.NotFound) return null;
    throw error;
  }
}

/** CPU ticks of this process's reaped children (`cutime` + `cstime`). */
function reapedChildTicks(): number {
  const fields = Deno.readTextFileSync("/proc/self/stat");
  const after = fields.slice(fields.lastIndexOf(")") + 2).trim().split(/\s+/);
  return Number(after[13]) + Number(after[14]);
}

if (import.meta.main) {
  const [interval, separator, ...args] = Deno.args;
  if (separator !== "--" || !(Number(interval) > 0) || args.length === 0) {
    console.error("usage: deno run -A bench/process_monitor.ts <interval ms> -- <deno args…>");
    Deno.exit(2);
  }
  console.log(JSON.stringify(await watch(args, Number(interval))));
}
