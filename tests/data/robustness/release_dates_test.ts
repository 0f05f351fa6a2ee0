import assert from "node:assert/strict";
import { buildFeatureFrame, type FeatureFrame } from "../../../data/frame.ts";
import { isoDate } from "../../../data/dates.ts";
import { loadMacro } from "../../../data/load_macro.ts";
import { availableFrom, describePublication, PUBLICATION } from "../../../data/publication.ts";
import { DEFAULT_MACRO_SERIES } from "../../../tasks/fetch.ts";
import { FRAME_DEFAULTS, mirrorOptions, realInputs } from "../_helpers.ts";
import { editedMirror } from "./_mirror.ts";

// UNRATE with ALFRED-style first-release dates: the usual first-Friday calendar, except the
// September 2013 report, which the October 2013 shutdown delayed to Tuesday 2013-10-22.
const withReleases = (lines: string[]) =>
  lines.filter((line) => line !== "").map((line, i) => {
    if (i === 0) return `${line},realtime_start`;
    const date = line.slice(0, 10);
    const released = date === "2013-09-01"
      ? "2013-10-22"
      : isoDate(availableFrom(date, PUBLICATION.UNRATE));
    return `${line},${released}`;
  });
const dir = await editedMirror({ "macro/UNRATE.csv": [withReleases] });
const request = { ids: [...DEFAULT_MACRO_SERIES], start: "1989-01-01", end: "2024-12-31" };
const macro = await loadMacro(request, mirrorOptions(dir));
await Deno.remove(dir, { recursive: true });
const full = await realInputs();
const options = { ...FRAME_DEFAULTS, frequency: "weekly" as const };
const released = buildFeatureFrame({ ...full, macro }, options);
const assumed = buildFeatureFrame(full, options);

const valueOn = (frame: FeatureFrame, date: string) =>
  frame.past.columns[frame.past.names.indexOf("unrate_change")][frame.dates.indexOf(date)];

Deno.test("release dates: the fetch records whether it has them or which rule is assumed", () => {
  const unrate = macro.series.find((s) => s.id === "UNRATE")!;
  assert.deepEqual(unrate.timing, { kind: "release-dates", column: "realtime_start" });
  assert.equal(unrate.released![unrate.dates.indexOf("2013-09-01")], "2013-10-22");
  const cpi = full.macro.series.find((s) => s.id === "CPIAUCSL")!;
  assert.deepEqual(cpi.timing, { kind: "assumed-rule", rule: PUBLICATION.CPIAUCSL.rule });
  assert.equal(cpi.released, undefined);
});

Deno.test("release dates: a delayed release reaches the features on its real date", () => {
  assert.deepEqual(released.publication.UNRATE, { rule: "release-dates" });
  assert.deepEqual(assumed.publication.UNRATE, PUBLICATION.UNRATE.rule);
  // The rule would use September's figure from Friday 2013-10-11; it came out on 10-22.
  for (const date of ["2013-10-11", "2013-10-18"]) {
    assert.equal(valueOn(released, date), valueOn(assumed, "2013-09-27"), date);
    assert.notEqual(valueOn(assumed, date), valueOn(assumed, "2013-09-27"), date);
  }
  assert.equal(valueOn(released, "2013-10-25"), valueOn(assumed, "2013-10-25"));
  // Everywhere else the release dates equal the rule's, so the rows are the same.
  const t = released.dates.indexOf("2014-01-03");
  const column = released.past.names.indexOf("unrate_change");
  assert.deepEqual(
    released.past.columns[column].subarray(t),
    assumed.past.columns[column].subarray(t),
  );
});

Deno.test("release dates: a DAG override wins; the report line says which timing was used", () => {
  const overridden = buildFeatureFrame({ ...full, macro }, {
    ...options,
    publication: { UNRATE: PUBLICATION.UNRATE.rule },
  });
  assert.deepEqual(overridden.past, assumed.past);
  assert.throws(
    () =>
      buildFeatureFrame(full, { ...options, publication: { UNRATE: { rule: "release-dates" } } }),
    /UNRATE is set to "release-dates" but the fetch has none: .*realtime_start/,
  );
  assert.equal(
    describePublication("UNRATE", { rule: "release-dates" }),
    "UNRATE: the provider's first-release dates",
  );
  assert.equal(
    describePublication("CPIAUCSL", PUBLICATION.CPIAUCSL.rule),
    "CPIAUCSL: assumed, the 20th of the month after",
  );
  assert.equal(
    describePublication("UNRATE", PUBLICATION.UNRATE.rule),
    "UNRATE: assumed, the first Friday on or after the 5th of the month after",
  );
  assert.equal(
    describePublication("DGS10", PUBLICATION.DGS10.rule),
    "DGS10: assumed, 1 business day after the observation",
  );
});
