/** Events a run reports to its progress display (TTY or plain log lines). */
import type { ProgressUpdate } from "../task.ts";

export type RunEvent =
  | { type: "info"; message: string }
  | { type: "warn"; node: string | null; message: string }
  | { type: "start"; node: string; reason: string; index: number; total: number }
  | { type: "progress"; node: string; update: ProgressUpdate }
  | { type: "done"; node: string; ms: number; cached: boolean; note?: string }
  | {
    type: "failed";
    node: string;
    /** The error's message (what the ledger records). */
    error: string;
    stack?: string;
    /** A bug rather than a domain error (a TypeError, …): displays show its stack. */
    unexpected?: boolean;
  }
  | { type: "skipped"; node: string; reason: string }
  /** The run's time left (`eta.ts`), after each start, end and new epoch. */
  | { type: "eta"; ms: number; unknown: number };

export interface EventSink {
  emit(event: RunEvent): void;
  /** Stops any live display (restores the terminal) before the final summary. */
  close(): void;
}

/** Collects events in memory (tests, benchmarks). */
export class MemorySink implements EventSink {
  events: RunEvent[] = [];
  emit(event: RunEvent): void {
    this.events.push(event);
  }
  close(): void {}
}
