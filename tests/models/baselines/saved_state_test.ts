/** Baseline state bytes: deterministic, tagged with the kind, refused for another kind. */
import assert from "node:assert/strict";
import { encodeArtifact } from "../../../engine/store/codec.ts";
import { loadState, saveState } from "../../../models/baselines/saved_state.ts";
import { ridgeSpec } from "../../../models/baselines/ridge.ts";

Deno.test("saveState: the same state gives the same bytes, and loads back", async () => {
  const state = { names: ["b", "a"], coefficients: Float64Array.of(0.1, -2, Infinity) };
  const bytes = await saveState("ridge", state);
  assert.deepEqual(await saveState("ridge", { ...state }), bytes);
  assert.deepEqual(loadState("ridge", bytes), state);
});

Deno.test("loadState refuses another kind's state, foreign bytes and garbage", async () => {
  const garch = await saveState("garch", { params: { mu: 0 } });
  assert.throws(() => loadState("ridge", garch), /ridge: the saved state is a "garch" model/);
  await assert.rejects(
    ridgeSpec.load!(ridgeSpec.schema.parse({}), { seed: 1, backend: "cpu" }, garch),
    /ridge: the saved state is a "garch" model, not a "ridge"/,
  );
  assert.throws(
    () => loadState("ridge", encodeArtifact({ weights: [1] })),
    /ridge: the saved bytes are not a baseline's state/,
  );
  assert.throws(
    () => loadState("ridge", Uint8Array.of(0xff, 0x00)),
    /ridge: the saved state cannot be decoded/,
  );
});
