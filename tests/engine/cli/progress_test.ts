import assert from "node:assert/strict";
import { computedNodeOf, describeProgress, LogSink } from "../../../engine/cli/progress_log.ts";
import { TtySink } from "../../../engine/cli/progress_tty.ts";
import type { RunEvent } from "../../../engine/run/events.ts";

Deno.test("progress text shows epoch, percentage, ETA and message", () => {
  assert.equal(describeProgress({ epoch: 5, epochs: 20 }, 10_000), "epoch 5/20 · 25% · ETA 30.0 s");
  assert.equal(
    describeProgress({ fraction: 0.5, message: "fold 2016" }, 2000),
    "50% · ETA 2.0 s · fold 2016",
  );
  assert.equal(describeProgress({}, 1000), "");
});

Deno.test("plain log lines: one per event, progress throttled per node", () => {
  const lines: string[] = [];
  const sink = new LogSink((line) => lines.push(line));
  sink.emit({ type: "start", node: "fit[year=2016]", reason: "stale", index: 1, total: 2 });
  for (let epoch = 1; epoch <= 10; epoch++) {
    sink.emit({ type: "progress", node: "fit[year=2016]", update: { epoch, epochs: 10 } });
  }
  sink.emit({ type: "done", node: "fit[year=2016]", ms: 1500, cached: false });
  sink.emit({ type: "failed", node: "b", error: "Error: boom" });
  sink.emit({ type: "skipped", node: "c", reason: "upstream b failed" });
  assert.equal(lines[0], "[1/2] start fit[year=2016]");
  const progress = lines.filter((line) => line.includes("epoch"));
  assert.deepEqual(progress.map((line) => line.trim().split(" · ")[0]), [
    "fit[year=2016] epoch 1/10",
    "fit[year=2016] epoch 10/10",
  ]);
  assert.deepEqual(lines.slice(-3), [
    "done fit[year=2016] in 1.5 s",
    "FAILED b: Error: boom",
    "skipped c: upstream b failed",
  ]);
});

Deno.test("a plain done line names the node it computed; other lines name none", () => {
  const lines: string[] = [];
  const sink = new LogSink((line) => lines.push(line));
  sink.emit({ type: "eta", ms: 90_000, unknown: 0 });
  sink.emit({ type: "done", node: "fit[testYear=2016,model=tft]", ms: 65_000, cached: false });
  sink.emit({ type: "done", node: "raw", ms: 3, cached: true });
  sink.emit({ type: "start", node: "report", reason: "stale", index: 3, total: 3 });
  assert.deepEqual(lines.map(computedNodeOf), ["fit[testYear=2016,model=tft]", null, null]);
  assert.equal(computedNodeOf("done and dusted"), null);
});

Deno.test("a failed node shows its message; the stack only for a bug or with --verbose", () => {
  const stack = (name: string, message: string) =>
    `${name}: ${message}\n    at run (file:///tasks/train.ts:10:5)`;
  const events: RunEvent[] = [
    { type: "failed", node: "a", error: "no rows", stack: stack("Error", "no rows") },
    {
      type: "failed",
      node: "b",
      error: "x is undefined",
      stack: stack("TypeError", "x is undefined"),
      unexpected: true,
    },
    { type: "failed", node: "c", error: "worker failed: boom", unexpected: true },
  ];
  const shown = (verbose: boolean) => {
    const lines: string[] = [];
    const sink = new LogSink((line) => lines.push(line), { verbose });
    events.forEach((event) => sink.emit(event));
    return lines;
  };
  assert.deepEqual(shown(false), [
    "FAILED a: no rows",
    `FAILED b: ${stack("TypeError", "x is undefined")}`,
    "FAILED c: worker failed: boom",
  ]);
  assert.deepEqual(shown(true), [
    `FAILED a: ${stack("Error", "no rows")}`,
    `FAILED b: ${stack("TypeError", "x is undefined")}`,
    "FAILED c: worker failed: boom",
  ]);
});

Deno.test("the terminal display redraws running nodes with their epoch and ETA", async () => {
  const chunks: string[] = [];
  const out = {
    writeSync(bytes: Uint8Array) {
      chunks.push(new TextDecoder().decode(bytes));
      return bytes.length;
    },
  };
  const sink = new TtySink(out);
  sink.emit({
    type: "start",
    node: "fit[year=2016,model=tft]",
    reason: "stale",
    index: 1,
    total: 3,
  });
  sink.emit({
    type: "progress",
    node: "fit[year=2016,model=tft]",
    update: { epoch: 3, epochs: 12 },
  });
  sink.emit({ type: "eta", ms: 95_000, unknown: 0 });
  await new Promise((resolve) => setTimeout(resolve, 600));
  sink.emit({ type: "done", node: "fit[year=2016,model=tft]", ms: 2000, cached: false });
  sink.close();
  const text = chunks.join("");
  assert.match(text, /fit\[year=2016,model=tft\] \d+ ms · epoch 3\/12 · 25% · ETA/);
  assert.match(text, /0\/3 nodes done · 1 running · \d+ ms elapsed · run ETA 1m35s/);
  const escape = String.fromCharCode(27);
  assert.ok(
    new RegExp(`${escape}\\[\\d+A${escape}\\[0J`).test(text),
    "the live block is cleared before lines scroll past it",
  );
  assert.match(text, /done fit\[year=2016,model=tft\] in 2\.0 s · run ETA 1m35s\n/);
});
