/**
 * The remote protocol on top of a {@link RemoteBackend}:
 *
 * ```
 * objects/<ab>/<sha256>               encoded outputs, named by the SHA-256 of their bytes
 * keys/<ab>/<key>/<outputHash>.ptr    pointer: key → output (see pointer.ts)
 * keys/<ab>/<key>/<runId>.meta        provenance of one writing run (display only)
 * ```
 *
 * Every byte read is verified: an object must hash to its name, a pointer's components must
 * hash to its key. Anything that does not verify is reported and ignored (the node is
 * recomputed), never trusted. Writes put the object before its pointer, and a pointer is
 * written only when the key has none yet, so a reader that finds a pointer finds a complete
 * object behind it (or reports the object corrupt and recomputes, which rewrites it).
 */
import { sha256Hex } from "../../keys/hash.ts";
import type { KeyRecord } from "../../keys/key_record.ts";
import type { RemoteBackend, RemoteEntry } from "./backend.ts";
import {
  decodeMeta,
  decodePointer,
  encodeMeta,
  encodePointer,
  keyDir,
  type Meta,
  metaName,
  type Pointer,
  pointerName,
} from "./pointer.ts";

export interface KeyEntries {
  pointers: RemoteEntry[];
  metas: RemoteEntry[];
}

export interface Resolved {
  pointer: Pointer;
  meta: Meta | null;
}

export class RemoteStore {
  constructor(readonly backend: RemoteBackend) {}

  get url(): string {
    return this.backend.url;
  }

  objectName(hash: string): string {
    return `objects/${hash.slice(0, 2)}/${hash}`;
  }

  /** Every key with its pointers and provenance entries, from one listing of `keys/`. */
  async index(): Promise<Map<string, KeyEntries>> {
    return groupByKey(await this.backend.list("keys/"));
  }

  /** One key's entries, listed now (before writing, to keep the first writer's pointer). */
  async entriesOf(key: string): Promise<KeyEntries> {
    return groupByKey(await this.backend.list(keyDir(key))).get(key) ??
      { pointers: [], metas: [] };
  }

  /**
   * The pointer that holds for a key: the first valid one written (earliest modification,
   * then name), so every reader picks the same one. Invalid pointers are reported.
   */
  async resolve(key: string, entries: KeyEntries, problems: string[]): Promise<Resolved | null> {
    const ordered = [...entries.pointers].sort((a, b) =>
      a.modified - b.modified || (a.name < b.name ? -1 : 1)
    );
    let winner: Pointer | null = null;
    for (const entry of ordered) {
      const bytes = await this.backend.get(entry.name);
      if (!bytes) continue;
      const pointer = decodePointer(entry.name, bytes);
      if (typeof pointer === "string") {
        problems.push(`untrusted pointer ${this.url}/${entry.name}: ${pointer}; ignored`);
        continue;
      }
      if (!winner) winner = pointer;
      else if (pointer.outputHash !== winner.outputHash) {
        problems.push(
          `key ${key.slice(0, 12)}… has pointers to different outputs in ${this.url} (a ` +
            `nondeterministic task?); using the first written, ${winner.outputHash.slice(0, 12)}…`,
        );
        break;
      }
    }
    if (!winner) return null;
    return { pointer: winner, meta: await this.#meta(entries, winner.outputHash) };
  }

  /** An object's bytes if they hash to its name; a missing or corrupt one is reported. */
  async readObject(hash: string, problems: string[]): Promise<Uint8Array | null> {
    const name = this.objectName(hash);
    const bytes = await this.backend.get(name);
    if (!bytes) {
      problems.push(`remote object ${this.url}/${name} is missing; it will be recomputed`);
      return null;
    }
    const actual = sha256Hex(bytes);
    if (actual !== hash) {
      problems.push(
        `corrupt remote object ${this.url}/${name}: content hashes to ${actual.slice(0, 12)}…; ` +
          "not trusted, it will be recomputed and rewritten",
      );
      return null;
    }
    return bytes;
  }

  /**
   * Publishes a computed output: the object (unless `objectStored`: verified there already),
   * then the pointer if the key has none yet (or only untrusted ones: `rewritePointer`), then
   * this run's provenance. Rewriting an object writes the bytes its name commits to, so it
   * can only repair a corrupt copy.
   */
  async publish(
    record: KeyRecord,
    bytes: Uint8Array,
    rewritePointer = false,
    objectStored = false,
  ): Promise<void> {
    if (sha256Hex(bytes) !== record.outputHash) {
      throw new Error(`refusing to publish ${record.key}: its bytes do not hash to its output`);
    }
    // An object this run read back from the store and verified need not be sent again.
    if (!objectStored) await this.backend.put(this.objectName(record.outputHash), bytes);
    const entries = await this.entriesOf(record.key);
    if (rewritePointer || !entries.pointers.length) {
      await this.backend.put(pointerName(record.key, record.outputHash), encodePointer(record));
    }
    await this.backend.put(metaName(record.key, record.runId), encodeMeta(record));
  }

  async #meta(entries: KeyEntries, outputHash: string): Promise<Meta | null> {
    const ordered = [...entries.metas].sort((a, b) => a.modified - b.modified);
    for (const entry of ordered) {
      const bytes = await this.backend.get(entry.name);
      const meta = bytes && decodeMeta(bytes, outputHash);
      if (meta) return meta;
    }
    return null;
  }
}

function groupByKey(entries: RemoteEntry[]): Map<string, KeyEntries> {
  const byKey = new Map<string, KeyEntries>();
  for (const entry of entries) {
    const [section, , key, file] = entry.name.split("/");
    if (section !== "keys" || !key || !file) continue;
    const slot = byKey.get(key) ?? { pointers: [], metas: [] };
    if (file.endsWith(".ptr")) slot.pointers.push(entry);
    else if (file.endsWith(".meta")) slot.metas.push(entry);
    byKey.set(key, slot);
  }
  return byKey;
}
