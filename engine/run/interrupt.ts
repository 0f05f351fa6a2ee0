/**
 * Turns SIGINT (Ctrl-C) and SIGTERM (CI cancel, `timeout`, `docker stop`, `kill`) into an
 * orderly interruption: the first signal aborts the run, which stops its running nodes,
 * records them as interrupted in the ledger and exits with 128 + the signal's number (130
 * for SIGINT, 143 for SIGTERM), as shells report a process killed by that signal. A second
 * signal exits at once with that code.
 */

const SIGNALS = { SIGINT: 2, SIGTERM: 15 } as const;
export type InterruptSignal = keyof typeof SIGNALS;

export interface Interrupts {
  /** Aborted by the first signal. */
  signal: AbortSignal;
  /** 128 + the number of the signal that interrupted the run; 130 when none did. */
  exitCode(): number;
  /** Removes the listeners (the default actions of the signals come back). */
  dispose(): void;
}

/** Listens for SIGINT and SIGTERM; `onFirst` is told which one interrupted the run. */
export function interruptOnSignals(onFirst: (name: InterruptSignal) => void): Interrupts {
  const controller = new AbortController();
  let received: InterruptSignal | null = null;
  const listeners = (Object.keys(SIGNALS) as InterruptSignal[]).map((name) => {
    const listener = () => {
      if (controller.signal.aborted) Deno.exit(128 + SIGNALS[name]);
      received = name;
      onFirst(name);
      controller.abort();
    };
    Deno.addSignalListener(name, listener);
    return { name, listener };
  });
  return {
    signal: controller.signal,
    exitCode: () => 128 + SIGNALS[received ?? "SIGINT"],
    dispose: () => {
      for (const { name, listener } of listeners) Deno.removeSignalListener(name, listener);
    },
  };
}
