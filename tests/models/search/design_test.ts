import {
  deepStrictEqual as assertEquals,
  ok as assert,
  throws as assertThrows,
} from "node:assert/strict";
import { buildSearchDesign } from "../../../models/search/design.ts";
import { TECHNICAL_COLUMNS, technicalColumns } from "../../../models/search/technical.ts";
import { SYNTHETIC_WINDOWS, syntheticFrame } from "./fixture.ts";

Deno.test("search design: inputs come from the close before each target day", () => {
  const frame = syntheticFrame();
  const design = buildSearchDesign(frame, SYNTHETIC_WINDOWS);
  assertEquals(design.featureNames, ["ret", "noise", ...TECHNICAL_COLUMNS]);
  for (let i = 0; i < design.dates.length; i++) {
    const t = design.closeIndex[i];
    assert(design.inputDates[i] < design.dates[i]);
    assertEquals(design.inputDates[i], frame.dates[t]);
    assertEquals(design.dates[i], frame.dates[t + 1]);
    assertEquals(design.returns[i], frame.target[t + 1]);
    design.features.forEach((column) => assert(Number.isFinite(column[i])));
  }
  assertEquals(design.train.to, design.validation.from);
  assertEquals(design.validation.to, design.test.from);
  assertEquals(design.test.to, design.dates.length);
  assert(design.dates[design.test.from] >= "2005-01-01");
  assert(design.dates[design.test.from - 1] < "2005-01-01");
});

Deno.test("technical columns: appending later closes leaves earlier values unchanged", () => {
  const close = syntheticFrame(700).close;
  const full = technicalColumns(close);
  const cut = technicalColumns(close.slice(0, 500));
  for (const name of TECHNICAL_COLUMNS) {
    assertEquals(Array.from(cut[name]), Array.from(full[name].slice(0, 500)), name);
  }
});

Deno.test("search design: windows out of order or outside the data are named errors", () => {
  const frame = syntheticFrame();
  assertThrows(
    () => buildSearchDesign(frame, { ...SYNTHETIC_WINDOWS, testStart: "2003-01-01" }),
    /trainStart < validationStart < testStart/,
  );
  assertThrows(
    () => buildSearchDesign(frame, { ...SYNTHETIC_WINDOWS, testStart: "2030-01-01" }),
    /search test window has 0 rows/,
  );
  assertThrows(
    () => buildSearchDesign({ ...frame, frequency: "weekly" }, SYNTHETIC_WINDOWS),
    /needs a daily feature frame/,
  );
});
