/**
 * HTTP GET with a timeout and retries with exponential backoff, for the Yahoo and FRED
 * providers. A host that cannot be reached at all (DNS failure, refused connection) fails
 * at once with `unreachable: true`, so callers can fall back to the offline mirror without
 * sitting through the backoff schedule.
 */

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

export async function httpGet(url: string, options: HttpOptions): Promise<HttpResponse> {
  const fetchFn = options.fetchFn ?? fetch;
  const sleep = options.sleep ??
    ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  let lastReason = "no attempt made";
  for (let attempt = 0; attempt <= options.retries; attempt++) {
    if (attempt > 0) await sleep(options.backoffMs * 2 ** (attempt - 1));
    options.signal?.throwIfAborted();
    const timeout = AbortSignal.timeout(options.timeoutMs);
    const signal = options.signal ? AbortSignal.any([options.signal, timeout]) : timeout;
    try {
      const response = await fetchFn(url, { headers: options.headers, signal });
      const body = new Uint8Array(await response.arrayBuffer());
      if (!RETRYABLE_STATUS(response.status)) return { url, status: response.status, body };
      lastReason = `HTTP ${response.status}`;
    } catch (error) {
      options.signal?.throwIfAborted();
      const reason = describe(error);
      if (UNREACHABLE.test(reason)) throw new HttpFailure(url, true, reason);
      lastReason = timeout.aborted ? `timed out after ${options.timeoutMs} ms` : reason;
    }
  }
  throw new HttpFailure(url, false, `${lastReason} (after ${options.retries + 1} attempts)`);
}
