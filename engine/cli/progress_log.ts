/** Plain log lines for runs without a terminal (CI, redirected output). */
import type { EventSink, RunEvent } from "../run/events.ts";
import { type ProgressUpdate } from "../task.ts";
import { etaMs, formatDuration } from "./format.ts";

const PROGRESS_EVERY_MS = 5000;

export interface DisplayOptions {
  /** Print the stack of every failed node, not only of unexpected errors (`--verbose`). */
  verbose?: boolean;
}

export class LogSink implements EventSink {
  #started = new Map<string, number>();
  #lastProgress = new Map<string, number>();
  #eta: string | null = null;
  constructor(
    private write: (line: string) => void = (line) => console.error(line),
    private options: DisplayOptions = {},
  ) {}

  emit(event: RunEvent): void {
    const line = this.#format(event);
    if (line !== null) this.write(line);
  }

  close(): void {}

  #format(event: RunEvent): string | null {
    switch (event.type) {
      case "info":
        return event.message;
      case "warn":
        return `warning${event.node ? ` [${event.node}]` : ""}: ${event.message}`;
      case "start":
        this.#started.set(event.node, performance.now());
        return `[${event.index}/${event.total}] start ${event.node}`;
      case "progress":
        return this.#progress(event.node, event.update);
      case "done":
        return event.cached
          ? `cached ${event.node}${event.note ? ` (${event.note})` : ""}`
          : `done ${event.node} in ${formatDuration(event.ms)}${
            this.#eta ? ` · ${this.#eta}` : ""
          }`;
      case "failed":
        return `FAILED ${event.node}: ${this.#failure(event)}`;
      case "skipped":
        return `skipped ${event.node}: ${event.reason}`;
      case "eta":
        this.#eta = describeEta(event);
        return null;
    }
  }

  /** The message; the stack (which repeats it) for a bug, or for every error when verbose. */
  #failure(event: Extract<RunEvent, { type: "failed" }>): string {
    const showStack = event.stack && (event.unexpected || this.options.verbose);
    return showStack ? event.stack! : event.error;
  }

  #progress(node: string, update: ProgressUpdate): string | null {
    const now = performance.now();
    const last = this.#lastProgress.get(node) ?? -Infinity;
    const final = update.epoch !== undefined && update.epoch === update.epochs;
    if (now - last < PROGRESS_EVERY_MS && !final) return null;
    this.#lastProgress.set(node, now);
    return `  ${node} ${describeProgress(update, now - (this.#started.get(node) ?? now))}`;
  }
}

/**
 * The node a plain `done <node> in <time>` line says was computed, else null: how a reader of
 * `--plain` output (the engine benchmark) tells when each node finished.
 */
export function computedNodeOf(line: string): string | null {
  return /^done (\S+) in \S/.exec(line)?.[1] ?? null;
}

/** "epoch 3/50 · 6% · ETA 2m10s · message", whichever parts are known. */
export function describeProgress(update: ProgressUpdate, elapsedMs: number): string {
  const fraction = update.fraction ??
    (update.epoch !== undefined && update.epochs ? update.epoch / update.epochs : undefined);
  const eta = etaMs(fraction, elapsedMs);
  return [
    update.epoch !== undefined
      ? `epoch ${update.epoch}${update.epochs ? `/${update.epochs}` : ""}`
      : null,
    fraction !== undefined ? `${Math.round(fraction * 100)}%` : null,
    eta !== null ? `ETA ${formatDuration(eta)}` : null,
    update.message ?? null,
  ].filter((part) => part !== null).join(" · ");
}

/**
 * "run ETA 2m10s", from earlier runs of the same nodes (`run/eta.ts`); "at least" when some
 * nodes left have no history; null when none has.
 */
export function describeEta(estimate: { ms: number; unknown: number }): string | null {
  if (estimate.ms <= 0 && estimate.unknown > 0) return null;
  if (estimate.unknown === 0) return `run ETA ${formatDuration(estimate.ms)}`;
  return `run ETA ≥ ${formatDuration(estimate.ms)} (${estimate.unknown} nodes without history)`;
}
