/**
 * Content-addressed store. `objects/ab/<sha256>` holds encoded task outputs, named by the
 * hash of their bytes; `keys/ab/<key>.json` maps a node's cache key to the output hash it
 * produced (with the key's components, for `status`, `report <hash>` and `cache gc`).
 * Writes are atomic (temp + rename) and the object is written before its key record, so a
 * run killed at any moment leaves at worst an unreferenced object or a stray temp file.
 * Objects are hash-verified when read; a corrupt entry is removed and reported.
 */
import { join } from "node:path";
import { sha256Hex } from "../keys/hash.ts";
import { isTempName, writeFileAtomic } from "./atomic.ts";
import { fileStamp } from "./file_stamp.ts";
import type { KeyRecord } from "../keys/key_record.ts";

export class CorruptEntryError extends Error {
  constructor(readonly entry: string, readonly reason: string) {
    super(`corrupt store entry ${entry}: ${reason}`);
    this.name = "CorruptEntryError";
  }
}

export class MissingEntryError extends Error {
  constructor(readonly entry: string) {
    super(`store entry ${entry} is missing`);
    this.name = "MissingEntryError";
  }
}

export class Store {
  constructor(readonly dir: string) {}

  objectPath(hash: string): string {
    return join(this.dir, "objects", hash.slice(0, 2), hash);
  }

  keyPath(key: string): string {
    return join(this.dir, "keys", key.slice(0, 2), `${key}.json`);
  }

  /** Store-relative name of an entry, for messages. */
  entryName(path: string): string {
    return path.slice(this.dir.length + 1);
  }

  /** Writes bytes under their hash (atomically) and returns the hash. */
  putObject(bytes: Uint8Array): string {
    const hash = sha256Hex(bytes);
    writeFileAtomic(this.objectPath(hash), bytes);
    return hash;
  }

  /** Reads an object and verifies its hash; corrupt entries are deleted before throwing. */
  readObject(hash: string): Uint8Array {
    const path = this.objectPath(hash);
    let bytes: Uint8Array;
    try {
      bytes = Deno.readFileSync(path);
    } catch (error) {
      if (error instanceof Deno.errors.NotFound) throw new MissingEntryError(this.entryName(path));
      throw error;
    }
    const actual = sha256Hex(bytes);
    if (actual !== hash) {
      this.#discard(path);
      throw new CorruptEntryError(
        this.entryName(path),
        `content hashes to ${actual.slice(0, 12)}…, removed`,
      );
    }
    return bytes;
  }

  /** Size and stamp (see `file_stamp.ts`) of an object, or null when it is absent. */
  statObject(hash: string): { size: number; stamp: string | null } | null {
    try {
      const info = Deno.statSync(this.objectPath(hash));
      return { size: info.size, stamp: fileStamp(info) };
    } catch {
      return null;
    }
  }

  putKey(record: KeyRecord): void {
    writeFileAtomic(this.keyPath(record.key), JSON.stringify(record));
  }

  /** The record for a key; null when absent. A corrupt record is removed and reported. */
  readKey(key: string): KeyRecord | null {
    const path = this.keyPath(key);
    let text: string;
    try {
      text = Deno.readTextFileSync(path);
    } catch {
      return null;
    }
    let record: KeyRecord | null = null;
    try {
      record = JSON.parse(text) as KeyRecord;
    } catch {
      // Reported below.
    }
    if (
      !record || record.key !== key || typeof record.outputHash !== "string" ||
      typeof record.size !== "number"
    ) {
      this.#discard(path);
      throw new CorruptEntryError(this.entryName(path), "unreadable key record, removed");
    }
    return record;
  }

  /** Removes a key record (used when its entry is found corrupt or its object missing). */
  discardEntry(key: string): void {
    this.#discard(this.keyPath(key));
  }

  /** Every stored key or object name with its size (temp files listed separately). */
  *list(section: "objects" | "keys"): Generator<{ name: string; path: string; size: number }> {
    const root = join(this.dir, section);
    for (const shard of safeReadDir(root)) {
      if (!shard.isDirectory) {
        const path = join(root, shard.name);
        if (isTempName(shard.name)) yield { name: shard.name, path, size: safeSize(path) };
        continue;
      }
      for (const entry of safeReadDir(join(root, shard.name))) {
        const path = join(root, shard.name, entry.name);
        const size = safeSize(path);
        yield { name: entry.name.replace(/\.json$/, ""), path, size };
      }
    }
  }

  #discard(path: string): void {
    try {
      Deno.removeSync(path);
    } catch {
      // Already gone.
    }
  }
}

/** A folder's entries; none when it is absent or unreadable. */
export function safeReadDir(path: string): Deno.DirEntry[] {
  try {
    return [...Deno.readDirSync(path)];
  } catch {
    return [];
  }
}

function safeSize(path: string): number {
  try {
    return Deno.statSync(path).size;
  } catch {
    return 0;
  }
}
