/**
 * The process monitor against a real child: a Deno script that holds a 256 MiB buffer,
 * waits, then spins its main thread and a Worker until the process has used 1.5 s of CPU,
 * and prints what it measured of itself. The monitor must see at least that buffer, at least
 * that CPU time (the Worker's thread included), and the lines when they came.
 */
import assert from "node:assert/strict";
import { join } from "node:path";
import {
  cpuMsAt,
  monitorDeno,
  peakRssBytes,
  type ProcessUsage,
  statTicks,
  usageUnavailable,
} from "../../bench/process_monitor.ts";

const BUFFER_BYTES = 256 * 1024 * 1024;
const CPU_TARGET_MS = 1500;
const PAUSE_MS = 500;

const WORKER = `
const end = performance.now() + 600;
while (performance.now() < end) Math.sqrt(Math.random());
postMessage("spun");
`;

const CHILD = `
import process from "node:process";
const buffer = new Uint8Array(${BUFFER_BYTES}).fill(1);
console.log("allocated");
await new Promise((resolve) => setTimeout(resolve, ${PAUSE_MS}));
console.log("spinning");
const worker = new Worker(new URL("./worker.ts", import.meta.url), { type: "module" });
const spun = new Promise((resolve) => worker.onmessage = resolve);
const cpuMs = () => { const u = process.cpuUsage(); return (u.user + u.system) / 1000; };
while (cpuMs() < ${CPU_TARGET_MS}) Math.sqrt(Math.random());
await spun;
worker.terminate();
const hwm = /^VmHWM:\\s+(\\d+) kB$/m.exec(Deno.readTextFileSync("/proc/self/status"))[1];
console.log(JSON.stringify({ cpuMs: cpuMs(), peakRssBytes: Number(hwm) * 1024, sum: buffer[7] }));
`;

Deno.test({
  name: "the monitor sees a real child's peak RSS, CPU of all its threads and timed lines",
  ignore: Deno.build.os !== "linux",
  fn: async () => {
    const dir = await Deno.makeTempDir({ prefix: "finfusion-monitor-test-" });
    try {
      Deno.writeTextFileSync(join(dir, "worker.ts"), WORKER);
      Deno.writeTextFileSync(join(dir, "child.ts"), CHILD);
      const run = await monitorDeno(["run", "-A", join(dir, "child.ts")], {
        cwd: dir,
        intervalMs: 100,
      });
      assert.ok(!("unavailable" in run.usage), "usage is measured on Linux");
      const usage = run.usage as ProcessUsage;
      const stdout = run.lines.filter((line) => line.stream === "stdout");
      const [allocated, spinning, report] = stdout;
      assert.deepEqual([allocated.text, spinning.text], ["allocated", "spinning"]);
      const own = JSON.parse(report.text) as { cpuMs: number; peakRssBytes: number };

      assert.ok(spinning.atMs - allocated.atMs >= PAUSE_MS - 50, "lines keep their arrival times");
      assert.ok(report.atMs <= run.wallMs);
      assert.ok(usage.peakRssBytes >= BUFFER_BYTES, `peak ${usage.peakRssBytes}`);
      assert.ok(
        Math.abs(usage.peakRssBytes - own.peakRssBytes) < 0.1 * own.peakRssBytes,
        `monitor ${usage.peakRssBytes} vs the child's own VmHWM ${own.peakRssBytes}`,
      );
      assert.ok(own.cpuMs >= CPU_TARGET_MS);
      assert.ok(
        usage.cpuMs >= own.cpuMs - 20 && usage.cpuMs < own.cpuMs + 600,
        `monitor ${usage.cpuMs} ms vs the child's own ${own.cpuMs} ms (Worker included)`,
      );
      assert.ok(usage.cpuMs <= 2 * run.wallMs + 50, "no more than 2 threads' worth");

      const { samples } = usage;
      assert.ok(samples.length >= 5, `${samples.length} samples`);
      for (let i = 1; i < samples.length; i++) {
        assert.ok(samples[i].atMs > samples[i - 1].atMs);
        assert.ok(samples[i].cpuMs >= samples[i - 1].cpuMs);
        assert.ok(samples[i].peakRssBytes >= samples[i - 1].peakRssBytes);
      }
      assert.equal(samples.at(-1)!.atMs, run.wallMs);
      assert.equal(cpuMsAt(usage, 0), 0);
      assert.equal(cpuMsAt(usage, run.wallMs), usage.cpuMs);
      const [a, b] = [samples[2], samples[3]];
      assert.ok(Math.abs(cpuMsAt(usage, (a.atMs + b.atMs) / 2) - (a.cpuMs + b.cpuMs) / 2) < 1e-9);
    } finally {
      await Deno.remove(dir, { recursive: true });
    }
  },
});

Deno.test("a failing child is reported with its stderr", async () => {
  const dir = await Deno.makeTempDir({ prefix: "finfusion-monitor-test-" });
  try {
    Deno.writeTextFileSync(join(dir, "fail.ts"), 'console.error("no data here"); Deno.exit(3);');
    await assert.rejects(
      () => monitorDeno(["run", join(dir, "fail.ts")], { cwd: dir }),
      /exited 3:\nno data here/,
    );
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("/proc parsing: a command name with spaces and parentheses; VmHWM in kB", () => {
  const stat = "4242 (deno (x) y) S 1 2 3 0 -1 4194304 10 0 0 0 120 30 7 3 20 0 9 0 5 6";
  assert.equal(statTicks(stat), 120 + 30 + 7 + 3);
  assert.throws(() => statTicks("4242 (deno) S 1"), /unreadable \/proc stat line/);
  assert.equal(peakRssBytes("Name:\tdeno\nVmPeak:\t 9 kB\nVmHWM:\t  894000 kB\n"), 894000 * 1024);
  assert.throws(() => peakRssBytes("Name:\tdeno\n"), /no VmHWM/);
  assert.equal(usageUnavailable("linux"), null);
  assert.match(usageUnavailable("darwin")!, /Linux's \/proc; this is darwin/);
});
