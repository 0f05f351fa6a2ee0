import assert from "node:assert/strict";
import { changedInputs, describeCauses, ownCauses } from "../../../engine/keys/causes.ts";
import type { KeyComponents } from "../../../engine/keys/key_record.ts";

const base: KeyComponents = {
  format: 1,
  kind: "train",
  id: "fit",
  task: "t",
  params: { model: { lr: 0.1, layers: [1, 2] } },
  inputs: {
    fold: "aa",
    fits: [{ id: "x", coords: {}, hash: "1" }, { id: "y", coords: {}, hash: "2" }],
  },
  code: { "tasks/a.ts": "1", "tasks/b.ts": "2" },
  npm: ["zod@4.6.7", "commander@2.20.3", "commander@7.2.0"],
  seed: 7,
  backend: "wasm",
  fingerprint: null,
};

Deno.test("stale causes name what changed", () => {
  const now = {
    ...base,
    params: { model: { lr: 0.2, layers: [1, 2] } },
    code: { "tasks/a.ts": "9", "tasks/c.ts": "3" },
    npm: ["zod@4.7.0", "commander@2.20.3", "commander@7.2.0"],
    seed: 8,
    backend: "cpu",
    fingerprint: "abc",
  };
  const causes = ownCauses(base, now);
  assert.deepEqual(causes.map((cause) => cause.kind), [
    "params",
    "code",
    "dependency",
    "seed",
    "backend",
    "fingerprint",
  ]);
  const text = describeCauses(causes);
  assert.match(text, /params: model\.lr 0\.1 → 0\.2/);
  assert.match(
    text,
    /tasks\/a\.ts changed, tasks\/b\.ts no longer imported, tasks\/c\.ts imported/,
  );
  assert.match(text, /dependency version: zod@4\.6\.7 → zod@4\.7\.0/);
  assert.doesNotMatch(text, /commander/);
  const dropped = ownCauses(base, { ...base, npm: ["zod@4.6.7", "commander@7.2.0"] });
  assert.equal(dropped[0].detail, "commander@2.20.3, commander@7.2.0 → commander@7.2.0");
  assert.deepEqual(ownCauses(base, { ...base }), []);
  assert.match(
    describeCauses(ownCauses(base, { ...base, seed: null })),
    /^seed: seed left the key \(the task is not declared seeded/,
  );
});

Deno.test("changed inputs point at the upstream nodes whose output changed", () => {
  const upstreamOf = (name: string) => name === "fold" ? ["fold[y=1]"] : ["x", "y"];
  const now = {
    fold: "aa",
    fits: [{ id: "x", coords: {}, hash: "1" }, { id: "y", coords: {}, hash: "3" }],
  };
  assert.deepEqual(changedInputs(base.inputs, now, upstreamOf), ["y"]);
  assert.deepEqual(changedInputs(base.inputs, { ...now, fold: "bb" }, upstreamOf), [
    "fold[y=1]",
    "y",
  ]);
});
