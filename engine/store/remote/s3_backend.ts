/**
 * The S3-compatible backend (`@aws-sdk/client-s3`): AWS S3, or any server that speaks its
 * API (path-style addressing, so a plain endpoint such as `http://127.0.0.1:9000` works).
 * Endpoint, region and credentials come from the usual AWS environment variables
 * (`AWS_ENDPOINT_URL_S3` or `AWS_ENDPOINT_URL`, `AWS_REGION`, `AWS_ACCESS_KEY_ID`,
 * `AWS_SECRET_ACCESS_KEY`). Each request is retried by the SDK (3 attempts, backoff) and
 * bounded in time, so an unreachable server is reported within seconds.
 */
import {
  DeleteObjectsCommand,
  GetObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  S3Client,
} from "@aws-sdk/client-s3";
import { type RemoteBackend, type RemoteEntry, RemoteStoreError } from "./backend.ts";
import { parseStoreUrl } from "./store_url.ts";

/** Per request, retries included. */
const REQUEST_TIMEOUT_MS = 15_000;

export class S3Backend implements RemoteBackend {
  #client: S3Client;
  #bucket: string;
  #prefix: string;
  #endpoint: string;

  constructor(
    readonly url: string,
    env: (name: string) => string | undefined = (name) => Deno.env.get(name),
  ) {
    const { bucket, prefix } = parseStoreUrl(url);
    this.#bucket = bucket;
    this.#prefix = prefix ? `${prefix}/` : "";
    const endpoint = env("AWS_ENDPOINT_URL_S3") ?? env("AWS_ENDPOINT_URL");
    const region = env("AWS_REGION") ?? env("AWS_DEFAULT_REGION") ?? "us-east-1";
    this.#endpoint = endpoint ?? `https://s3.${region}.amazonaws.com`;
    const accessKeyId = env("AWS_ACCESS_KEY_ID");
    const secretAccessKey = env("AWS_SECRET_ACCESS_KEY");
    this.#client = new S3Client({
      region,
      endpoint,
      // Without both keys in the environment the SDK's default chain looks further.
      ...(accessKeyId && secretAccessKey
        ? {
          credentials: { accessKeyId, secretAccessKey, sessionToken: env("AWS_SESSION_TOKEN") },
        }
        : {}),
      forcePathStyle: true,
      maxAttempts: 3,
    });
  }

  async list(prefix: string): Promise<RemoteEntry[]> {
    const entries: RemoteEntry[] = [];
    let token: string | undefined;
    do {
      const page = await this.#send("listing", (signal) =>
        this.#client.send(
          new ListObjectsV2Command({
            Bucket: this.#bucket,
            Prefix: this.#prefix + prefix,
            ContinuationToken: token,
          }),
          { abortSignal: signal },
        ));
      for (const item of page.Contents ?? []) {
        entries.push({
          name: item.Key!.slice(this.#prefix.length),
          size: item.Size ?? 0,
          modified: item.LastModified?.getTime() ?? 0,
        });
      }
      token = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (token);
    return entries;
  }

  async get(name: string): Promise<Uint8Array | null> {
    try {
      return await this.#send(`reading ${name}`, async (signal) => {
        const response = await this.#client.send(
          new GetObjectCommand({ Bucket: this.#bucket, Key: this.#prefix + name }),
          { abortSignal: signal },
        );
        return await response.Body!.transformToByteArray();
      });
    } catch (error) {
      if (error instanceof NotFound) return null;
      throw error;
    }
  }

  async put(name: string, bytes: Uint8Array): Promise<void> {
    await this.#send(`writing ${name}`, (signal) =>
      this.#client.send(
        new PutObjectCommand({ Bucket: this.#bucket, Key: this.#prefix + name, Body: bytes }),
        { abortSignal: signal },
      ));
  }

  async remove(names: string[]): Promise<void> {
    for (let start = 0; start < names.length; start += 1000) {
      const batch = names.slice(start, start + 1000);
      const response = await this.#send("removing entries", (signal) =>
        this.#client.send(
          new DeleteObjectsCommand({
            Bucket: this.#bucket,
            Delete: { Objects: batch.map((name) => ({ Key: this.#prefix + name })) },
          }),
          { abortSignal: signal },
        ));
      const failed = response.Errors ?? [];
      if (failed.length) {
        throw new RemoteStoreError(
          this.url,
          "removing entries",
          `${failed.length} not removed (first: ${failed[0].Key}: ${failed[0].Message})`,
          "Check that the credentials may delete objects in the bucket, then run gc again",
        );
      }
    }
  }

  async #send<T>(what: string, request: (signal: AbortSignal) => Promise<T>): Promise<T> {
    try {
      return await request(AbortSignal.timeout(REQUEST_TIMEOUT_MS));
    } catch (error) {
      const name = (error as { name?: string }).name;
      if (name === "NoSuchKey" || name === "NotFound") throw new NotFound();
      // A sandbox refusal is not the server's fault: say so as Deno does.
      if (error instanceof Deno.errors.NotCapable) throw error;
      const message = error instanceof Error ? error.message || name : String(error);
      throw new RemoteStoreError(
        this.url,
        what,
        `${message} (endpoint ${this.#endpoint})`,
        "Check that the server is up and that AWS_ENDPOINT_URL, AWS_ACCESS_KEY_ID, " +
          "AWS_SECRET_ACCESS_KEY and AWS_REGION are right, or run without --store; nothing " +
          "local was removed",
      );
    }
  }
}

class NotFound extends Error {}
