/**
 * Pointers: the remote record that maps a node's cache key to its output hash. A pointer's
 * bytes are a pure function of (key, output hash, size, key components) — canonical JSON,
 * no run id or timing — and it is stored at `keys/<ab>/<key>/<outputHash>.ptr`, so its name
 * follows from its content: two writers of one key with deterministic outputs write the
 * same bytes to the same name (no overwrite that changes anything), and a writer whose output
 * differs writes a second name instead of replacing the first. Readers trust a pointer only
 * if its components hash to its key and its body names the hash in its file name.
 * Provenance (run id, timing, warnings, metrics), which differs between writers, goes to
 * `keys/<ab>/<key>/<runId>.meta`: one per writing run, never overwritten, never trusted for
 * anything but display.
 */
import { canonicalJson } from "../../keys/canonical.ts";
import type { KeyComponents, KeyRecord } from "../../keys/key_record.ts";
import { keyOf } from "../../keys/keys.ts";

export const POINTER_FORMAT = 1;

export interface Pointer {
  format: number;
  key: string;
  outputHash: string;
  size: number;
  components: KeyComponents;
}

export type Meta = Pick<
  KeyRecord,
  "outputHash" | "pipeline" | "runId" | "createdAt" | "ms" | "warnings" | "metrics"
>;

export function keyDir(key: string): string {
  return `keys/${key.slice(0, 2)}/${key}/`;
}

export function pointerName(key: string, outputHash: string): string {
  return `${keyDir(key)}${outputHash}.ptr`;
}

export function metaName(key: string, runId: string): string {
  return `${keyDir(key)}${runId}.meta`;
}

/** A pointer's bytes, from a key record or anything with its four fields. */
export function encodePointer<
  R extends Pick<KeyRecord, "key" | "outputHash" | "size" | "components">,
>(
  record: R,
): Uint8Array {
  const pointer: Pointer = {
    format: POINTER_FORMAT,
    key: record.key,
    outputHash: record.outputHash,
    size: record.size,
    components: record.components,
  };
  return new TextEncoder().encode(canonicalJson(pointer));
}

export function encodeMeta(record: KeyRecord): Uint8Array {
  const { outputHash, pipeline, runId, createdAt, ms, warnings, metrics } = record;
  const meta: Meta = { outputHash, pipeline, runId, createdAt, ms, warnings, metrics };
  return new TextEncoder().encode(canonicalJson(meta));
}

/** A pointer read from `name`, or the reason it cannot be trusted. */
export function decodePointer(name: string, bytes: Uint8Array): Pointer | string {
  let pointer: Pointer;
  try {
    pointer = JSON.parse(new TextDecoder().decode(bytes));
  } catch {
    return "not JSON (partial or corrupt write)";
  }
  const [, key, file] = name.split("/").slice(-3);
  if (pointer?.format !== POINTER_FORMAT) return `unknown pointer format ${pointer?.format}`;
  if (pointer.key !== key || `${pointer.outputHash}.ptr` !== file) {
    return "its body names another key or output than its file name";
  }
  if (typeof pointer.size !== "number" || typeof pointer.components !== "object") {
    return "size or components missing";
  }
  let actual: string;
  try {
    actual = keyOf(pointer.components);
  } catch (error) {
    return `components unreadable: ${error instanceof Error ? error.message : error}`;
  }
  if (actual !== key) return `its components hash to ${actual.slice(0, 12)}…, not to its key`;
  return pointer;
}

/** Provenance for display; null when unreadable or about another output. */
export function decodeMeta(bytes: Uint8Array, outputHash: string): Meta | null {
  try {
    const meta = JSON.parse(new TextDecoder().decode(bytes)) as Meta;
    return meta.outputHash === outputHash && typeof meta.runId === "string" ? meta : null;
  } catch {
    return null;
  }
}
