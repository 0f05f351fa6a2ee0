/**
 * SHA-256 helpers. `node:crypto` hashes synchronously and is several times faster than
 * `crypto.subtle` for the many small digests that planning computes.
 */
import { createHash } from "node:crypto";

/** Hex SHA-256 of a string (UTF-8) or bytes. */
export function sha256Hex(data: string | Uint8Array): string {
  return createHash("sha256").update(data).digest("hex");
}

/** Hex SHA-256 of a file's bytes. */
export function sha256File(path: string): string {
  return sha256Hex(Deno.readFileSync(path));
}
