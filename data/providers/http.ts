/**
 * HTTP GET with a timeout and retries with exponential backoff, for the Yahoo and FRED
 * providers. A host that cannot be reached at all (DNS failure, refused connection) fails
 * at once with `unreachable: true`, so callers can fall back to the offline mirror without
 * sitting through the backoff schedule; so does a missing net permission (Deno's NotCapable
 * or PermissionDenied), which no retry can cure. A host that never answered (every attempt
 * timed out or failed) is remembered as down for the rest of the run (host_health.ts): the
 * run's other fetch nodes fail over to the mirror at once instead of paying the timeouts
 * and backoff again.
 */
import { HostHealth, sharedHostHealth } from "./host_health.ts";

export interface HttpOptions {
  /** Per-attempt timeout. */
  timeoutMs: number;
  /** Further attempts after the first, for timeouts, 429 and 5xx answers. */
  retries: number;
  /** Wait before retry k (0-based) is backoffMs · 2^k. */
  backoffMs: number;
  headers?: Record<string, string>;
  signal?: AbortSignal;
  /** Injected in tests; defaults to the global fetch. */
  fetchFn?: typeof fetch;
  /** Injected in tests; defaults to a timer. */
  sleep?: (ms: number) => Promise<void>;
  /**
   * Hosts known to be down. Defaults to the process-wide record for the real transport; an
   * injected `fetchFn` gets no record unless one is passed, so scripted tests stay apart.
   */
  health?: HostHealth;
}

export interface HttpResponse {
  url: string;
  status: number;
  body: Uint8Array;
}

export class HttpFailure extends Error {
  constructor(
    readonly url: string,
    readonly unreachable: boolean,
    readonly reason: string,
  ) {
    super(`GET ${url} failed: ${reason}`);
    this.name = "HttpFailure";
  }

  /** "host: reason", short enough for a warning line. */
  get brief(): string {
    return `${new URL(this.url).host}: ${this.reason}`;
  }
}

const UNREACHABLE =
  /dns error|failed to lookup|name or service not known|could not resolve|connection refused|network is unreachable|no route to host|requests to port .* are blocked/i;

/** The innermost cause's message, without the URL and the client layer Deno prefix it with. */
function describe(error: unknown): string {
  let message = String(error);
  for (let e: unknown = error; e instanceof Error; e = e.cause) message = e.message;
  return message.replace(/^error sending request for url \([^)]*\): /, "")
    .replace(/^client error \(\w+\): /, "");
}

const RETRYABLE_STATUS = (status: number) => status === 429 || status >= 500;

function isPermissionError(error: unknown): boolean {
  return error instanceof Deno.errors.NotCapable || error instanceof Deno.errors.PermissionDenied;
}

export async function httpGet(url: string, options: HttpOptions): Promise<HttpResponse> {
  const fetchFn = options.fetchFn ?? fetch;
  const health = options.health ?? (options.fetchFn ? null : sharedHostHealth);
  const host = new URL(url).host;
  let answered = false;
  const sleep = options.sleep ??
    ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  let lastReason = "no attempt made";
  for (let attempt = 0; attempt <= options.retries; attempt++) {
    if (attempt > 0) await sleep(options.backoffMs * 2 ** (attempt - 1));
    options.signal?.throwIfAborted();
    const down = health?.down(host);
    if (down) throw new HttpFailure(url, true, `${down} (found earlier in this run)`);
    const timeout = AbortSignal.timeout(options.timeoutMs);
    const signal = options.signal ? AbortSignal.any([options.signal, timeout]) : timeout;
    try {
      const response = await fetchFn(url, { headers: options.headers, signal });
      const body = new Uint8Array(await response.arrayBuffer());
      answered = true;
      if (!RETRYABLE_STATUS(response.status)) return { url, status: response.status, body };
      lastReason = `HTTP ${response.status}`;
    } catch (error) {
      options.signal?.throwIfAborted();
      const reason = describe(error);
      if (isPermissionError(error)) {
        const why = `no network permission (${reason}); run with --allow-net=${host} or -A`;
        health?.markDown(host, why);
        throw new HttpFailure(url, true, why);
      }
      if (UNREACHABLE.test(reason)) {
        health?.markDown(host, reason);
        throw new HttpFailure(url, true, reason);
      }
      lastReason = timeout.aborted ? `timed out after ${options.timeoutMs} ms` : reason;
    }
  }
  const reason = `${lastReason} (after ${options.retries + 1} attempts)`;
  // No answer at all (a hung proxy, a dead link): spare the run's other requests the wait.
  if (!answered) health?.markDown(host, reason);
  throw new HttpFailure(url, false, reason);
}
