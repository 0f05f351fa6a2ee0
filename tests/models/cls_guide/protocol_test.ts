import assert from "node:assert/strict";
import {
  AS_PUBLISHED,
  GUIDE_CHOICES,
  guideDepartures,
  guideProtocolSchema,
} from "../../../models/cls_guide/protocol.ts";

Deno.test("no guide choice is a default: the defaults carry no departure", () => {
  const defaults = guideProtocolSchema.parse({});
  assert.deepEqual(guideDepartures(defaults), []);
  for (const [key, c] of Object.entries(GUIDE_CHOICES)) {
    assert.equal((defaults as Record<string, unknown>)[key], c.fair, key);
    assert.notEqual(c.fair, c.published, key);
  }
});

Deno.test("as published, every option is named and flagged, leaks first", () => {
  const published = guideProtocolSchema.parse(AS_PUBLISHED);
  const departures = guideDepartures(published);
  assert.equal(departures.length, Object.keys(GUIDE_CHOICES).length);
  assert.match(departures[0], /^leak: the feature scaler is fitted on the whole dataset/);
  assert.match(departures[1], /^leak: early stopping.*test loss/);
  assert.ok(departures.some((d) => /skips a day/.test(d)));
  assert.ok(departures.some((d) => /− 2%/.test(d)));
  // One option alone flags only itself.
  assert.deepEqual(guideDepartures(guideProtocolSchema.parse({ rsi: "simple-mean" })), [
    GUIDE_CHOICES.rsi.departure,
  ]);
});

Deno.test("an unknown option value is refused with the field's name", () => {
  const parsed = guideProtocolSchema.safeParse({ scaler: "everything" });
  assert.equal(parsed.success, false);
  assert.deepEqual(parsed.error!.issues[0].path, ["scaler"]);
});
