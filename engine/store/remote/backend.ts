/**
 * The one small interface a remote store backend implements: named immutable blobs under a
 * prefix, listed with size and modification time. The remote protocol (`remote_store.ts`)
 * decides the names and verifies every byte it reads, so a backend needs no integrity
 * checks of its own and no conditional writes. `s3_backend.ts` implements it on any
 * S3-compatible server.
 */
import { UserError } from "../../declare/errors.ts";

export interface RemoteEntry {
  /** Name relative to the store's prefix, e.g. `objects/ab/<hash>`. */
  name: string;
  size: number;
  /** Last modification, in ms since the epoch (the server's clock). */
  modified: number;
}

export interface RemoteBackend {
  /** The store's URL as the user gave it (`s3://bucket/prefix`), for messages. */
  readonly url: string;
  /** Every entry whose name starts with `prefix` (all pages). */
  list(prefix: string): Promise<RemoteEntry[]>;
  /** An entry's bytes; null when it does not exist. */
  get(name: string): Promise<Uint8Array | null>;
  put(name: string, bytes: Uint8Array): Promise<void>;
  remove(names: string[]): Promise<void>;
}

/** The remote store cannot be reached or refused a request: names the URL and what to do. */
export class RemoteStoreError extends UserError {
  constructor(url: string, what: string, cause: string, advice: string) {
    super(`remote store ${url}: ${what} failed: ${cause}. ${advice}`);
    this.name = "RemoteStoreError";
  }
}
