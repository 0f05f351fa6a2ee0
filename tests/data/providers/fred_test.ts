import assert from "node:assert/strict";
import { fredCsvUrl, parseFredCsv } from "../../../data/providers/fred.ts";
import { dataErrorOf, readFixture } from "../_helpers.ts";

Deno.test("fred csv: observation_date header, '.' values dropped and counted", () => {
  const parsed = parseFredCsv(readFixture("fred/CPIAUCSL.csv"), {
    source: "fred",
    series: "CPIAUCSL",
  });
  assert.equal(parsed.dates.length, 15);
  assert.equal(parsed.dates[0], "2019-01-01");
  assert.equal(parsed.dates.at(-1), "2020-03-01");
  assert.equal(parsed.values[14], 254.6);
  assert.equal(parsed.missing, 1);
});

Deno.test("fred csv: the older DATE,<ID> header is accepted", () => {
  const parsed = parseFredCsv(readFixture("fred/DGS10_legacy_header.csv"), {
    source: "fred",
    series: "DGS10",
  });
  assert.equal(parsed.dates.length, 10);
  assert.equal(parsed.dates.includes("2024-01-15"), false);
  assert.equal(parsed.values.at(-1), 4.07);
});

Deno.test("fred csv: the graph URL carries id and range", () => {
  assert.equal(
    fredCsvUrl({ id: "DGS10", start: "1990-01-01", end: "2024-12-31" }),
    "https://fred.stlouisfed.org/graph/fredgraph.csv?id=DGS10&cosd=1990-01-01&coed=2024-12-31",
  );
});

const cases: Array<[string, string, RegExp, number | null]> = [
  ["UNRATE_empty.csv", "empty", /the file is empty/, null],
  ["UNRATE_header_only.csv", "empty", /header but no rows/, null],
  ["UNRATE_truncated.csv", "truncated", /ends in an empty field with no final newline/, 4],
  ["UNRATE_truncated_row.csv", "truncated", /cut off/, 3],
  ["UNRATE_extra_field.csv", "malformed", /expected 2 fields/, 3],
  ["UNRATE_duplicate_date.csv", "duplicate-date", /2020-02-01 appears twice \(rows 2 and 3\)/, 3],
  ["UNRATE_non_monotonic.csv", "non-monotonic", /2020-02-01 comes after 2020-03-01/, 3],
  ["UNRATE_non_numeric.csv", "non-numeric", /UNRATE on 2020-02-01 is "three"/, 2],
  ["UNRATE_bad_date.csv", "malformed", /"2020-02-31" is not a date/, 2],
];

for (const [file, code, message, row] of cases) {
  Deno.test(`fred csv: ${file} → ${code} error naming source, series and row`, async () => {
    const error = await dataErrorOf(
      () => parseFredCsv(readFixture(`fred/${file}`), { source: "fred", series: "UNRATE" }),
      code,
    );
    assert.match(error.message, /^fred UNRATE/);
    assert.match(error.message, message);
    assert.equal(error.row, row);
  });
}

Deno.test("fred csv: an HTML page (FRED's answer to an unknown id) is unknown-series", async () => {
  const error = await dataErrorOf(
    () => parseFredCsv(readFixture("fred/NOSUCHSERIES.html"), { source: "fred", series: "NOSUCH" }),
    "unknown-series",
  );
  assert.match(error.message, /fred NOSUCH: got an HTML page/);
});
