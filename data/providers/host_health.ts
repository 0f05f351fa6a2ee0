/**
 * Hosts found down during a run (no answer to any attempt, unreachable, or no network
 * permission), shared by every fetch node of the process so that one hung network costs one
 * node's timeouts, not each node's. An entry expires after `ttlMs` (5 minutes by default),
 * so a long-lived process tries the host again later.
 */
export class HostHealth {
  readonly #down = new Map<string, { reason: string; until: number }>();

  constructor(
    private readonly ttlMs = 5 * 60_000,
    private readonly now: () => number = Date.now,
  ) {}

  /** Why `host` is down, or null when it is not known to be. */
  down(host: string): string | null {
    const entry = this.#down.get(host);
    if (!entry) return null;
    if (this.now() < entry.until) return entry.reason;
    this.#down.delete(host);
    return null;
  }

  markDown(host: string, reason: string): void {
    this.#down.set(host, { reason, until: this.now() + this.ttlMs });
  }
}

/** The process-wide record the real transport uses. */
export const sharedHostHealth = new HostHealth();
