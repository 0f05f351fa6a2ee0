/**
 * Connecting to the queue's Redis. {@link checkRedis} pings it once with a short timeout and
 * no retries, so an unreachable server is reported within seconds, naming the URL and what
 * to do, before anything local is touched. BullMQ's own connections then retry forever (its
 * requirement for workers), which rides out a brief Redis restart.
 */
import { Redis } from "ioredis";
import { UserError } from "../declare/errors.ts";
import type { QueueUrl } from "./queue_url.ts";

const CONNECT_TIMEOUT_MS = 3000;

/** BullMQ connection options for a queue URL. */
export function connectionOf(queue: QueueUrl) {
  return { host: queue.host, port: queue.port, db: queue.db, maxRetriesPerRequest: null };
}

function notCapable(message: string): string | null {
  return /Requires net access|NotCapable/.test(message) ? message : null;
}

export class QueueUnreachableError extends UserError {
  constructor(queue: QueueUrl, cause: string) {
    super(
      `job queue ${queue.url}: cannot reach Redis (${cause}). Start redis-server there (e.g. ` +
        "`redis-server --port 6379`), or fix --queue, or run without --queue to compute " +
        "locally; nothing local was changed",
    );
    this.name = "QueueUnreachableError";
  }
}

/** Pings the server once; throws {@link QueueUnreachableError} within a few seconds. */
export async function checkRedis(queue: QueueUrl): Promise<void> {
  const client = new Redis({
    ...connectionOf(queue),
    lazyConnect: true,
    connectTimeout: CONNECT_TIMEOUT_MS,
    maxRetriesPerRequest: 0,
    enableOfflineQueue: false,
    retryStrategy: () => null,
  });
  // The socket's own error (e.g. ECONNREFUSED) says more than the failed command's.
  let socketError = "";
  client.on("error", (error: Error) => socketError ||= error.message);
  try {
    await client.connect();
    await client.ping();
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const refused = error instanceof Deno.errors.NotCapable ? message : notCapable(socketError);
    if (refused) {
      throw new UserError(
        `job queue ${queue.url}: this process may not connect to ${queue.host}:${queue.port} ` +
          `(${refused}). \`deno task pipeline\` may reach the Redis named in FINFUSION_QUEUE: ` +
          `run it as FINFUSION_QUEUE=${queue.url} deno task pipeline … (without --queue)`,
      );
    }
    throw new QueueUnreachableError(queue, socketError || message || "connection refused");
  } finally {
    client.disconnect();
  }
}
