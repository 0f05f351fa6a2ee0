/** Export formats: JSON with typed arrays as numbers, CSV tables found in an output. */
import assert from "node:assert/strict";
import { toCsv, toJson } from "../../../engine/export/export.ts";
import { UserError } from "../../../engine/declare/errors.ts";

const forecast = {
  model: "tft",
  weights: new Uint8Array([1, 2]),
  test: {
    dates: ["2024-01-05", "2024-01-12"],
    origins: new Int32Array([10, 11]),
    // [n, horizon = 2] row-major.
    point: new Float32Array([0.5, -0.25, 0.125, 1]),
    regime: ["calm", "stress, high"],
    warnings: ["one", "two", "three"],
  },
  fit: { history: [{ epoch: 1, loss: 0.5 }, { epoch: 2, loss: NaN }] },
};

Deno.test("toJson writes typed arrays as numbers and non-finite numbers as null", () => {
  const parsed = JSON.parse(toJson(forecast));
  assert.deepEqual(parsed.test.point, [0.5, -0.25, 0.125, 1]);
  assert.deepEqual(parsed.test.origins, [10, 11]);
  assert.deepEqual(parsed.weights, [1, 2]);
  assert.equal(parsed.fit.history[1].loss, null);
});

Deno.test("toCsv: a forecast table, horizon columns, quoted cells, skipped columns", () => {
  const table = toCsv(forecast, "fx: node fit", "test");
  assert.equal(
    table.csv,
    "dates,origins,point.1,point.2,regime\n" +
      '2024-01-05,10,0.5,-0.25,calm\n2024-01-12,11,0.125,1,"stress, high"\n',
  );
  assert.deepEqual(table.skipped, ["warnings"]);
  assert.equal(
    toCsv(forecast, "fx: node fit", "fit.history").csv,
    "epoch,loss\n1,0.5\n2,NaN\n",
  );
});

Deno.test("toCsv: the only table is found; several or none is an error that says what to do", () => {
  // A record of settings with one list is no table.
  const output = { a: { y: ["p", "q"], x: [1, 2] }, b: 3, settings: { levels: [0.1, 0.9] } };
  assert.equal(toCsv(output, "n").csv, "x,y\n1,p\n2,q\n");
  assert.throws(
    () => toCsv(forecast, "fx: node fit"),
    (error) =>
      error instanceof UserError &&
      /fx: node fit holds 2 tables; pick one with --path \(test, fit\.history\)/.test(
        error.message,
      ),
  );
  assert.throws(
    () => toCsv({ a: 1 }, "n"),
    /n holds no table to write as CSV; export it with --format json/,
  );
  assert.throws(
    () => toCsv(forecast, "n", "model"),
    /n: --path model is not a table; tables in this output: test, fit\.history/,
  );
  assert.throws(() => toCsv(forecast, "n", "nope"), /n: nothing at --path nope/);
});

Deno.test("toCsv: dates first, named feature columns one per name", () => {
  const frame = {
    close: new Float64Array([10, 11]),
    dates: ["2024-01-05", "2024-01-12"],
    past: {
      names: ["ret", "vix"],
      columns: [new Float64Array([0.1, -0.2]), new Float64Array([13, 14])],
    },
    regimeLabels: ["bull", "bear", "calm"],
  };
  const table = toCsv(frame, "features");
  assert.equal(
    table.csv,
    "dates,close,past.ret,past.vix\n2024-01-05,10,0.1,13\n2024-01-12,11,-0.2,14\n",
  );
  assert.deepEqual(table.skipped, ["regimeLabels"]);
});
