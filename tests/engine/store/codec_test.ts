import assert from "node:assert/strict";
import { decodeArtifact, encodeArtifact } from "../../../engine/store/codec.ts";
import { sha256Hex } from "../../../engine/keys/hash.ts";

Deno.test("artifacts round-trip plain data, typed arrays and non-finite numbers", () => {
  const value = {
    dates: ["2016-01-04", "2016-01-11"],
    close: new Float64Array([1.5, NaN, Infinity, -Infinity, 1e-300]),
    weights: new Float32Array([0.25, -3]),
    rows: new Int32Array([0, -7, 2 ** 31 - 1]),
    bytes: new Uint8Array([0, 255]),
    nested: { flag: true, none: null, list: [1, 2.5, "x"] },
  };
  const decoded = decodeArtifact(encodeArtifact(value)) as typeof value;
  assert.deepEqual(decoded, value);
  assert.ok(decoded.close instanceof Float64Array);
  assert.ok(decoded.weights instanceof Float32Array);
  assert.ok(decoded.rows instanceof Int32Array);
  assert.ok(Number.isNaN(decoded.close[1]));
});

Deno.test("equal data encodes to equal bytes whatever the key order or array offset", () => {
  const buffer = new Float64Array([9, 1, 2, 9]);
  const a = encodeArtifact({ b: new Float64Array(buffer.buffer, 8, 2), a: 1, skip: undefined });
  const b = encodeArtifact({ a: 1, b: new Float64Array([1, 2]) });
  assert.equal(sha256Hex(a), sha256Hex(b));
  assert.notEqual(
    sha256Hex(encodeArtifact({ a: new Float32Array([1]) })),
    sha256Hex(encodeArtifact({ a: new Float64Array([1]) })),
  );
});

Deno.test("values the store cannot round-trip are rejected with their path", () => {
  assert.throws(
    () => encodeArtifact({ rows: [{ when: new Date(0) }] }),
    /output at \$\.rows\[0\]\.when contains a Date/,
  );
  assert.throws(() => encodeArtifact({ lookup: new Map() }), /contains a Map/);
  class Model {
    weights = [1];
  }
  assert.throws(() => encodeArtifact({ model: new Model() }), /at \$\.model contains a Model/);
  assert.throws(() => encodeArtifact({ ids: new Uint32Array(2) }), /contains a Uint32Array/);
});
