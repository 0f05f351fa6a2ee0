import assert from "node:assert/strict";
import { formatDuration } from "../../../engine/cli/format.ts";

Deno.test("durations round once, so no minute shows 60 seconds", () => {
  assert.equal(formatDuration(420), "420 ms");
  assert.equal(formatDuration(18_800), "18.8 s");
  assert.equal(formatDuration(59_940), "59.9 s");
  assert.equal(formatDuration(59_960), "1m00s");
  assert.equal(formatDuration(81_065), "1m21s");
  assert.equal(formatDuration(119_600), "2m00s");
  assert.equal(formatDuration(3_569_400), "59m29s");
  assert.equal(formatDuration(3_599_600), "1h00m");
  assert.equal(formatDuration(5_049_000), "1h24m");
  assert.equal(formatDuration(5_069_000), "1h24m");
  assert.equal(formatDuration(5_071_000), "1h25m");
});
