/**
 * Which objects were hash-verified, by size and mtime. A fully cached run checks every
 * object it relies on without re-reading them all: an object whose size or mtime differ
 * from the last verification (any edit or truncation) is re-hashed. Reading an object
 * as an input always verifies its hash (see `Store.readObject`).
 */
import { join } from "node:path";
import { readJsonFile, writeFileAtomic } from "./atomic.ts";
import { sha256File } from "../keys/hash.ts";
import type { Store } from "./store.ts";

export class VerifiedObjects {
  #path: string;
  #stamps: Record<string, string>;
  #dirty = false;

  constructor(private store: Store) {
    this.#path = join(store.dir, "verified.json");
    this.#stamps = readJsonFile<Record<string, string>>(this.#path) ?? {};
  }

  /** "ok", "missing" or "corrupt" (a corrupt object is deleted). */
  check(hash: string, expectedSize: number): "ok" | "missing" | "corrupt" {
    const info = this.store.statObject(hash);
    if (!info) return "missing";
    const stamp = `${info.size}:${info.mtime}`;
    if (this.#stamps[hash] === stamp && info.size === expectedSize) return "ok";
    if (info.size === expectedSize && sha256File(this.store.objectPath(hash)) === hash) {
      this.#stamps[hash] = stamp;
      this.#dirty = true;
      return "ok";
    }
    try {
      Deno.removeSync(this.store.objectPath(hash));
    } catch {
      // Already gone.
    }
    return "corrupt";
  }

  /** Records an object this process just wrote or verified by reading. */
  mark(hash: string): void {
    const info = this.store.statObject(hash);
    if (!info) return;
    this.#stamps[hash] = `${info.size}:${info.mtime}`;
    this.#dirty = true;
  }

  /** Drops stamps of objects that no longer exist (after gc). */
  retain(hashes: Set<string>): void {
    for (const hash of Object.keys(this.#stamps)) {
      if (!hashes.has(hash)) {
        delete this.#stamps[hash];
        this.#dirty = true;
      }
    }
  }

  save(): void {
    if (!this.#dirty) return;
    writeFileAtomic(this.#path, JSON.stringify(this.#stamps));
    this.#dirty = false;
  }
}
