/** Pointers are trusted only when their components hash to their key; store URLs are checked. */
import assert from "node:assert/strict";
import { decodePointer, encodePointer, pointerName } from "../../../engine/store/remote/pointer.ts";
import { parseStoreUrl } from "../../../engine/store/remote/store_url.ts";
import { keyOf } from "../../../engine/keys/keys.ts";
import type { KeyComponents, KeyRecord } from "../../../engine/keys/key_record.ts";

const components: KeyComponents = {
  format: 1,
  kind: "feature",
  id: "scaled",
  task: "scale",
  params: { factor: 2 },
  inputs: { values: "a".repeat(64) },
  code: { "tasks/numbers.ts": "b".repeat(64) },
  npm: [],
  seed: 7,
  backend: "none",
  fingerprint: null,
};
const key = keyOf(components);
const outputHash = "c".repeat(64);
const record = { key, outputHash, size: 10, components, runId: "r1", ms: 5 } as KeyRecord;

Deno.test("a pointer round-trips and carries nothing run-specific", () => {
  const bytes = encodePointer(record);
  assert.deepEqual(bytes, encodePointer({ ...record, runId: "r2", ms: 99 }));
  const pointer = decodePointer(pointerName(key, outputHash), bytes);
  assert.ok(typeof pointer !== "string", String(pointer));
  assert.equal(pointer.outputHash, outputHash);
});

Deno.test("a pointer is untrusted when tampered, misnamed or cut short", () => {
  const tampered = encodePointer({
    ...record,
    components: { ...components, params: { factor: 3 } },
  });
  assert.match(
    decodePointer(pointerName(key, outputHash), tampered) as string,
    /components hash to .*not to its key/,
  );
  const other = "d".repeat(64);
  assert.match(
    decodePointer(pointerName(key, other), encodePointer(record)) as string,
    /names another key or output/,
  );
  const whole = encodePointer(record);
  assert.match(
    decodePointer(pointerName(key, outputHash), whole.slice(0, whole.length - 5)) as string,
    /not JSON/,
  );
});

Deno.test("store URLs: bucket and prefix, clear errors otherwise", () => {
  assert.deepEqual(parseStoreUrl("s3://team-cache/finfusion/"), {
    bucket: "team-cache",
    prefix: "finfusion",
  });
  assert.deepEqual(parseStoreUrl("s3://team-cache"), { bucket: "team-cache", prefix: "" });
  assert.throws(() => parseStoreUrl("/tmp/store"), /not a remote store URL; use s3:\/\/bucket/);
  assert.throws(() => parseStoreUrl("s3://ab/x"), /bucket "ab" is not a valid S3 bucket name/);
  assert.throws(() => parseStoreUrl("s3://team-cache/a/../b"), /may not contain/);
});
