/**
 * SHA-256 helpers. `node:crypto` hashes synchronously and is several times faster than
 * `crypto.subtle` for the many small digests that planning computes.
 */
import { createHash } from "node:crypto";

/** Hex SHA-256 of a string (UTF-8) or bytes. */
export function sha256Hex(data: string | Uint8Array): string {
  return createHash("sha256").update(data).digest("hex");
}

/** Incremental SHA-256 over several chunks, e.g. a file read in pieces. */
export function sha256OfChunks(chunks: Iterable<string | Uint8Array>): string {
  const hash = createHash("sha256");
  for (const chunk of chunks) hash.update(chunk);
  return hash.digest("hex");
}

/** Hex SHA-256 of a file's bytes. */
export function sha256File(path: string): string {
  return sha256Hex(Deno.readFileSync(path));
}

export const HEX64 = /^[0-9a-f]{64}$/;
