/**
 * Checkpoint packs: the own model's bytes and each kept rule's come back exactly; plain
 * model bytes pass through; a damaged pack is a named error.
 */
import assert from "node:assert/strict";
import {
  checkpointBytes,
  isCheckpointPack,
  ownModelBytes,
  packCheckpoints,
  packedRules,
} from "../../../models/tf/checkpoint_pack.ts";

const bytes = (n: number, fill: number) => new Uint8Array(n).fill(fill);

Deno.test("checkpoint pack: own and kept bytes round-trip; plain bytes pass through", () => {
  const own = { rule: "val-loss" as const, epoch: 3, bytes: bytes(5, 1) };
  const kept = [
    { rule: "composite" as const, epoch: 7, bytes: bytes(4, 2) },
    { rule: "diversity" as const, epoch: null, bytes: bytes(6, 3) },
  ];
  const pack = packCheckpoints(own, kept);
  assert.ok(isCheckpointPack(pack));
  assert.deepEqual(ownModelBytes(pack), own.bytes);
  assert.deepEqual(checkpointBytes(pack, "val-loss", null), own.bytes);
  assert.deepEqual(checkpointBytes(pack, "composite", null), kept[0].bytes);
  assert.deepEqual(checkpointBytes(pack, "diversity", null), kept[1].bytes);
  assert.equal(checkpointBytes(pack, "val-da", "val-loss"), null);
  assert.deepEqual(packedRules(pack), {
    own: { rule: "val-loss", epoch: 3 },
    kept: [{ rule: "composite", epoch: 7 }, { rule: "diversity", epoch: null }],
  });
  const plain = bytes(8, 9);
  assert.equal(isCheckpointPack(plain), false);
  assert.equal(ownModelBytes(plain), plain);
  assert.equal(checkpointBytes(plain, "val-loss", "val-loss"), plain);
  assert.equal(checkpointBytes(plain, "composite", "val-loss"), null);
  assert.deepEqual(packedRules(plain), { own: null, kept: [] });
});

Deno.test("checkpoint pack: a truncated pack is a named error", () => {
  const pack = packCheckpoints({ rule: "val-loss", epoch: 1, bytes: bytes(5, 1) }, [
    { rule: "val-da", epoch: 2, bytes: bytes(5, 2) },
  ]);
  assert.throws(
    () => ownModelBytes(pack.subarray(0, pack.length - 1)),
    /checkpoint pack: the header describes \d+ bytes but there are \d+; .* refit it/,
  );
});
