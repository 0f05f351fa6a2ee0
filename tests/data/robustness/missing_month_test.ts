import assert from "node:assert/strict";
import { buildFeatureFrame, type FeatureFrame } from "../../../data/frame.ts";
import { loadMacro } from "../../../data/load_macro.ts";
import { rollingFold } from "../../../data/folds/rolling.ts";
import { DEFAULT_MACRO_SERIES } from "../../../tasks/fetch.ts";
import { FRAME_DEFAULTS, mirrorOptions, realInputs, ROLLING_DEFAULTS } from "../_helpers.ts";
import { dropRow, editedMirror } from "./_mirror.ts";

// October 2023 CPI and unemployment rate never published (as October 2025 really was not).
const dir = await editedMirror({
  "macro/UNRATE.csv": [dropRow("2023-10-01")],
  "macro/CPIAUCSL.csv": [dropRow("2023-10-01")],
});
const full = await realInputs();
const macro = await loadMacro(
  { ids: [...DEFAULT_MACRO_SERIES], start: "1989-01-01", end: "2024-12-31" },
  mirrorOptions(dir),
);
await Deno.remove(dir, { recursive: true });
const options = { ...FRAME_DEFAULTS, frequency: "weekly" as const };
const gapped = buildFeatureFrame({ ...full, macro }, options);
const complete = buildFeatureFrame(full, options);

function valueOn(frame: FeatureFrame, feature: string, date: string): number {
  const t = frame.dates.indexOf(date);
  assert.ok(t >= 0, `no bar on ${date}`);
  return frame.past.columns[frame.past.names.indexOf(feature)][t];
}

function observation(id: string, date: string): number {
  const series = full.macro.series.find((s) => s.id === id)!;
  return series.values[series.dates.indexOf(date)];
}

Deno.test("missing month: the fetch warns of the gap and the frame builds without NaN", () => {
  for (const id of ["UNRATE", "CPIAUCSL"]) {
    assert.ok(
      macro.warnings.some((w) => w.startsWith(id) && w.endsWith("no observation for 2023-10")),
      macro.warnings.join("\n"),
    );
  }
  for (const column of gapped.past.columns) assert.ok(column.every(Number.isFinite));
  assert.deepEqual(gapped.dates, complete.dates);
});

Deno.test("missing month: changes across the gap use the last published value, with warnings", () => {
  // November's rate (released Friday 2023-12-08) is compared with September's.
  const change = observation("UNRATE", "2023-11-01") - observation("UNRATE", "2023-09-01");
  assert.equal(valueOn(gapped, "unrate_change", "2023-12-08"), change);
  assert.notEqual(valueOn(complete, "unrate_change", "2023-12-08"), change);
  // Year on year for October 2024 (released by 2024-11-20) is against September 2023.
  const yoy = observation("CPIAUCSL", "2024-10-01") / observation("CPIAUCSL", "2023-09-01") - 1;
  assert.equal(valueOn(gapped, "cpi_yoy", "2024-11-22"), yoy);
  const named = (id: string, feature: string, at: string) =>
    gapped.warnings.some((w) =>
      w.startsWith(`${id}: no observation for 2023-10`) && w.includes(`${feature} of ${at}`) &&
      w.includes("against 2023-09")
    );
  assert.ok(named("UNRATE", "unrate_change", "2023-11"), gapped.warnings.join("\n"));
  assert.ok(named("CPIAUCSL", "cpi_yoy", "2024-10"), gapped.warnings.join("\n"));
  // While October's release is missing, bars carry September's values forward (and warn).
  assert.equal(
    valueOn(gapped, "unrate_change", "2023-11-17"),
    valueOn(complete, "unrate_change", "2023-11-03"),
  );
  assert.ok(gapped.warnings.some((w) => w.startsWith("UNRATE:mom: bars 2023-11-")));
});

Deno.test("missing month: folds the gap does not touch are identical, the others differ", () => {
  for (let testYear = 2016; testYear <= 2024; testYear++) {
    const a = rollingFold(gapped, { ...ROLLING_DEFAULTS, testYear }).fold;
    const b = rollingFold(complete, { ...ROLLING_DEFAULTS, testYear }).fold;
    if (testYear <= 2022) assert.deepEqual(a, b, `fold ${testYear} must not change`);
    else assert.notDeepEqual(a.past, b.past, `fold ${testYear} holds the gap`);
  }
});
