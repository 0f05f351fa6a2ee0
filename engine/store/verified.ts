/**
 * Which objects were hash-verified, by file stamp (size, mtime, ctime, inode: see
 * `file_stamp.ts`). A fully cached run checks every object it relies on without re-reading
 * them all: an object whose stamp differs from the last verification (any edit, even one
 * whose mtime was restored) is re-hashed. Reading an object as an input always verifies its
 * hash (see `Store.readObject`). An object is deleted only when its content does not match
 * its hash, never because a key record claims another size.
 */
import { join } from "node:path";
import { readJsonFile, writeFileAtomic } from "./atomic.ts";
import { sha256File } from "../keys/hash.ts";
import type { Store } from "./store.ts";

/**
 * "ok"; "missing"; "corrupt" (the content does not match its hash: the object was
 * deleted); "wrong-size" (the object verifies but is not the size the key record claims:
 * the record is wrong, the object is kept).
 */
export type ObjectState = "ok" | "missing" | "corrupt" | "wrong-size";

export class VerifiedObjects {
  #path: string;
  #stamps: Record<string, string>;
  #dirty = false;

  constructor(private store: Store) {
    this.#path = join(store.dir, "verified.json");
    this.#stamps = readJsonFile<Record<string, string>>(this.#path) ?? {};
  }

  check(hash: string, expectedSize: number): ObjectState {
    const info = this.store.statObject(hash);
    if (!info) return "missing";
    const known = info.stamp !== null && this.#stamps[hash] === info.stamp;
    if (known && info.size === expectedSize) return "ok";
    if (!known) {
      if (sha256File(this.store.objectPath(hash)) !== hash) {
        try {
          Deno.removeSync(this.store.objectPath(hash));
        } catch {
          // Already gone.
        }
        return "corrupt";
      }
      this.#remember(hash, info.stamp);
    }
    return info.size === expectedSize ? "ok" : "wrong-size";
  }

  /** Records an object this process just wrote or verified by reading. */
  mark(hash: string): void {
    const info = this.store.statObject(hash);
    if (info) this.#remember(hash, info.stamp);
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

  /** A stamp too recent to trust (null) forgets the object: it is hashed again next time. */
  #remember(hash: string, stamp: string | null): void {
    if (stamp === null) {
      if (!(hash in this.#stamps)) return;
      delete this.#stamps[hash];
    } else {
      if (this.#stamps[hash] === stamp) return;
      this.#stamps[hash] = stamp;
    }
    this.#dirty = true;
  }
}
