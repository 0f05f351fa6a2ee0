import assert from "node:assert/strict";
import { canonicalJson } from "../../../engine/keys/canonical.ts";

Deno.test("canonical JSON sorts keys, drops undefined members and spells non-finite numbers", () => {
  assert.equal(
    canonicalJson({ b: 1, a: { d: [1, "x"], c: null } }),
    '{"a":{"c":null,"d":[1,"x"]},"b":1}',
  );
  assert.equal(canonicalJson({ a: 1, skip: undefined }), canonicalJson({ a: 1 }));
  assert.equal(canonicalJson([NaN, Infinity, -0]), '[{"$number":"NaN"},{"$number":"Infinity"},0]');
  assert.notEqual(canonicalJson({ a: "1" }), canonicalJson({ a: 1 }));
  assert.throws(
    () => canonicalJson({ when: new Date(0) }),
    /Date at \$\.when; parameters must be plain/,
  );
});
