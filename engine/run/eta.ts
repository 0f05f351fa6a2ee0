/**
 * A run-level ETA from history. A node's earlier computes (the ledger's `ms`, and `epochs`:
 * how many epochs its fit actually ran before early stopping) predict this compute better
 * than its epoch budget does: a fit that reports "epoch 3/200" but stopped after 30 epochs
 * last time is about a tenth done, not 1.5%. Nodes without history count as unknown.
 */
import type { LedgerEntry } from "../ledger/ledger.ts";
import type { EventSink, RunEvent } from "./events.ts";

/** What the last compute of a node (by id, in one pipeline) took. */
export interface NodeHistory {
  ms: number;
  /** Epochs it ran (the last epoch it reported), when it reported any. */
  epochs?: number;
}

/** Each node's most recent compute in this pipeline's recorded runs. */
export function nodeHistory(entries: LedgerEntry[], pipeline: string): Map<string, NodeHistory> {
  const history = new Map<string, NodeHistory>();
  for (const entry of entries) {
    if (entry.pipeline !== pipeline) continue;
    for (const node of entry.nodes) {
      if (node.outcome !== "miss") continue;
      history.set(node.id, { ms: node.ms, ...(node.epochs ? { epochs: node.epochs } : {}) });
    }
  }
  return history;
}

export interface EtaEstimate {
  /** Time left for the nodes with an estimate: their sum over the jobs, or the longest. */
  ms: number;
  /** Nodes left to compute that have no history (not in `ms`). */
  unknown: number;
}

interface Running {
  started: number;
  epoch?: number;
  epochs?: number;
}

/** Tracks a run's events, remembers each node's last epoch, and estimates the time left. */
export class RunEta {
  readonly epochs = new Map<string, number>();
  #pending: Set<string>;
  #running = new Map<string, Running>();

  constructor(
    toRun: string[],
    private history: Map<string, NodeHistory>,
    private jobs: number,
    private now: () => number = () => performance.now(),
  ) {
    this.#pending = new Set(toRun);
  }

  /** A sink that forwards every event, preceded by an `eta` event when the estimate moved. */
  wrap(sink: EventSink): EventSink {
    return {
      emit: (event) => {
        // The estimate first, so that a "done" line already shows the time left after it.
        if (this.observe(event)) sink.emit({ type: "eta", ...this.estimate() });
        sink.emit(event);
      },
      close: () => sink.close(),
    };
  }

  /** Updates the state; true when the estimate may have changed (a start, end or epoch). */
  observe(event: RunEvent): boolean {
    if (event.type === "start") {
      this.#pending.delete(event.node);
      this.#running.set(event.node, { started: this.now() });
      return true;
    }
    if (event.type === "progress") {
      const running = this.#running.get(event.node);
      const epoch = event.update.epoch;
      if (!running || epoch === undefined || epoch === running.epoch) return false;
      running.epoch = epoch;
      running.epochs = event.update.epochs;
      this.epochs.set(event.node, epoch);
      return true;
    }
    if (event.type === "done" || event.type === "failed" || event.type === "skipped") {
      const known = this.#pending.delete(event.node) || this.#running.delete(event.node);
      return known;
    }
    return false;
  }

  estimate(): EtaEstimate {
    const now = this.now();
    const left = [
      ...[...this.#running].map(([id, running]) => this.#runningLeft(id, running, now)),
      ...[...this.#pending].map((id) => this.history.get(id)?.ms ?? null),
    ];
    const known = left.filter((ms) => ms !== null);
    // The work spread over the jobs, but never less than the longest single node.
    const total = known.reduce((sum, ms) => sum + ms, 0);
    return { ms: Math.max(total / this.jobs, ...known, 0), unknown: left.length - known.length };
  }

  #runningLeft(id: string, running: Running, now: number): number | null {
    const elapsed = now - running.started;
    const past = this.history.get(id);
    if (running.epoch && past?.epochs) {
      // Early stopping ended the last fit after `past.epochs`; never fewer than run so far.
      const expected = Math.min(
        Math.max(past.epochs, running.epoch),
        running.epochs ?? Infinity,
      );
      return (expected - running.epoch) * (elapsed / running.epoch);
    }
    if (past) return Math.max(0, past.ms - elapsed);
    // No history: the epoch budget is no estimate (early stopping usually ends far sooner).
    return null;
  }
}
