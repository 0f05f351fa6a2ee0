/**
 * `--queue redis://host:port[/db]`: where the job queue lives, and the queue's name, which
 * is derived from the shared store (its URL and endpoint), so the workers of two unrelated
 * stores never take each other's jobs even on one Redis.
 */
import { UserError } from "../declare/errors.ts";
import { sha256Hex } from "../keys/hash.ts";

export interface QueueUrl {
  /** As the user gave it, for messages. */
  url: string;
  host: string;
  port: number;
  db: number;
}

export function parseQueueUrl(url: string): QueueUrl {
  const match = /^redis:\/\/([^/:@]+)(?::(\d+))?(?:\/(\d+))?\/?$/.exec(url);
  if (!match) {
    throw new UserError(
      `--queue ${url}: not a queue URL; use redis://host:port or redis://host:port/db ` +
        "(a Redis server every worker and planner can reach)",
    );
  }
  const port = Number(match[2] ?? 6379);
  if (port < 1 || port > 65535) throw new UserError(`--queue ${url}: port ${port} is out of range`);
  return { url, host: match[1], port, db: Number(match[3] ?? 0) };
}

/**
 * The BullMQ queue name for a shared store: `finfusion-` and 16 hex digits of the SHA-256 of
 * the store URL (without trailing slashes) and its endpoint.
 */
export function queueName(storeUrl: string, endpoint: string | undefined): string {
  const store = storeUrl.replace(/\/+$/, "");
  return `finfusion-${sha256Hex(`${endpoint ?? "aws"}\n${store}`).slice(0, 16)}`;
}

/** The S3 endpoint the store is reached at, as the S3 backend reads it. */
export function storeEndpoint(env: (name: string) => string | undefined): string | undefined {
  return env("AWS_ENDPOINT_URL_S3") ?? env("AWS_ENDPOINT_URL");
}

/** `--queue` needs a store that the workers share: says so before anything runs. */
export function requireSharedStore(queue: string, store: string | null): void {
  parseQueueUrl(queue);
  if (store) return;
  throw new UserError(
    `--queue ${queue} needs a shared store: add --store s3://bucket/prefix (the same one the ` +
      "workers were started with): workers read a node's inputs from it and write its output " +
      "there, and this machine's .finfusion/store is not visible to them",
  );
}
