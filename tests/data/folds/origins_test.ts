import assert from "node:assert/strict";
import { planOrigins } from "../../../data/folds/origins.ts";

// 40 rows; training labels from row 5, validation from row 20, test rows 30..39.
const periods = { trainStart: 5, validationStart: 20, testStart: 30, testEnd: 40 };

Deno.test("origins: one-step labels, nothing purged, every test row scored", () => {
  const plan = planOrigins(periods, { rows: 40, encoderLength: 3, horizon: 1, embargo: 0 });
  assert.deepEqual(plan.train, range(4, 18));
  assert.deepEqual(plan.validation, range(19, 28));
  assert.deepEqual(plan.test.map((o) => o + 1), range(30, 39));
  assert.equal(plan.purged + plan.embargoed, 0);
});

Deno.test("origins: multi-horizon labels reaching the next split are purged, then embargoed", () => {
  const plan = planOrigins(periods, { rows: 42, encoderLength: 3, horizon: 3, embargo: 2 });
  // Training labels o+1..o+3 must end before row 20 − 2 (embargo): last origin 14.
  assert.equal(plan.train.at(-1), 14);
  assert.equal(plan.validation.at(-1), 24);
  for (const o of plan.train) assert.ok(o + 3 + 2 < 20);
  for (const o of plan.validation) assert.ok(o + 1 >= 20 && o + 3 + 2 < 30);
  assert.equal(plan.purged, 4); // 2 origins before validation, 2 before test
  assert.equal(plan.embargoed, 4);
  assert.deepEqual(plan.test.map((o) => o + 1), range(30, 39));
  assert.deepEqual(plan.unscored, []);
});

Deno.test("origins: test rows whose labels run past the data are reported, not hidden", () => {
  const plan = planOrigins(periods, { rows: 40, encoderLength: 3, horizon: 3, embargo: 0 });
  assert.deepEqual(plan.test.map((o) => o + 1), range(30, 37));
  assert.deepEqual(plan.unscored, [38, 39]);
});

Deno.test("origins: no origin without a full encoder window", () => {
  const plan = planOrigins({ ...periods, trainStart: 0 }, {
    rows: 40,
    encoderLength: 6,
    horizon: 1,
    embargo: 0,
  });
  assert.equal(plan.train[0], 5);
});

function range(from: number, to: number): number[] {
  return Array.from({ length: to - from + 1 }, (_, i) => from + i);
}
