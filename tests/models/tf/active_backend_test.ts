import assert from "node:assert/strict";
import { requireBackend } from "../../../models/tf/active_backend.ts";
import { initBackend } from "../../../models/tf/backend.ts";

await initBackend("wasm");

Deno.test("requireBackend refuses another backend than the run's, naming the model", () => {
  requireBackend("lstm", "wasm");
  requireBackend("lstm", "none"); // not a tfjs backend: nothing to check
  assert.throws(
    () => requireBackend("tft", "cpu"),
    /^Error: tft: the run expects the "cpu" backend but tfjs is on "wasm"; call initBackend\("cpu"\)/,
  );
});
