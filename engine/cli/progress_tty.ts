/**
 * Live progress on a terminal: finished nodes scroll above a block that shows every
 * running node with its sweep coordinates, epoch and ETA, redrawn a few times a second.
 */
import type { EventSink, RunEvent } from "../run/events.ts";
import type { ProgressUpdate } from "../task.ts";
import { formatDuration } from "./format.ts";
import { describeEta, describeProgress, type DisplayOptions, LogSink } from "./progress_log.ts";

const FRAMES = "⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏";
const encoder = new TextEncoder();

export class TtySink implements EventSink {
  #running = new Map<string, { started: number; update: ProgressUpdate }>();
  #drawnLines = 0;
  #frame = 0;
  #done = 0;
  #total = 0;
  #startedAt = performance.now();
  #timer: ReturnType<typeof setInterval>;
  #log: LogSink;
  #eta: string | null = null;

  constructor(
    private out: { writeSync(bytes: Uint8Array): number } = Deno.stderr,
    options: DisplayOptions = {},
  ) {
    this.#log = new LogSink((line) => this.#print(line), options);
    this.#timer = setInterval(() => this.#draw(), 125);
  }

  emit(event: RunEvent): void {
    if (event.type === "eta") this.#eta = describeEta(event);
    if (event.type === "start") {
      this.#total = event.total;
      this.#running.set(event.node, { started: performance.now(), update: {} });
    } else if (event.type === "progress") {
      const entry = this.#running.get(event.node);
      if (entry) entry.update = { ...entry.update, ...event.update };
      return;
    } else if (event.type === "done" || event.type === "failed" || event.type === "skipped") {
      if (this.#running.delete(event.node)) this.#done++;
    }
    this.#log.emit(event);
  }

  close(): void {
    clearInterval(this.#timer);
    this.#clear();
  }

  #print(line: string): void {
    this.#clear();
    this.out.writeSync(encoder.encode(`${line}\n`));
    this.#draw();
  }

  #clear(): void {
    if (this.#drawnLines === 0) return;
    this.out.writeSync(encoder.encode(`\x1b[${this.#drawnLines}A\x1b[0J`));
    this.#drawnLines = 0;
  }

  #draw(): void {
    this.#clear();
    if (this.#running.size === 0) return;
    const now = performance.now();
    const spinner = FRAMES[this.#frame++ % FRAMES.length];
    const columns = terminalColumns();
    const lines = [...this.#running].map(([node, { started, update }]) => {
      const detail = describeProgress(update, now - started);
      return `${spinner} ${node} ${formatDuration(now - started)}${detail ? ` · ${detail}` : ""}`;
    });
    lines.push(
      `  ${this.#done}/${this.#total} nodes done · ${this.#running.size} running · ` +
        `${formatDuration(now - this.#startedAt)} elapsed${this.#eta ? ` · ${this.#eta}` : ""}`,
    );
    const text = lines.map((line) => line.slice(0, columns - 1)).join("\n");
    this.out.writeSync(encoder.encode(`${text}\n`));
    this.#drawnLines = lines.length;
  }
}

/** Terminal width; pseudo-terminals may report 0, which means unknown. */
function terminalColumns(): number {
  try {
    const { columns } = Deno.consoleSize();
    return columns >= 20 ? columns : 120;
  } catch {
    return 120;
  }
}
