import assert from "node:assert/strict";
import { parseYahooChart, yahooChartUrl } from "../../../data/providers/yahoo.ts";
import { dataErrorOf, readFixture } from "../_helpers.ts";

const where = { source: "yahoo", series: "^GSPC" };

Deno.test("yahoo chart: exchange-local dates, OHLCV columns, null rows dropped with a warning", () => {
  const bars = parseYahooChart(readFixture("yahoo/chart_gspc.json"), where);
  assert.deepEqual(bars.dates, [
    "2023-11-17",
    "2023-11-20",
    "2023-11-21",
    "2023-11-22",
    "2023-11-27",
    "2023-11-28",
  ]);
  assert.deepEqual(Array.from(bars.close), [1000.25, 1004.5, 1001.75, 1006.0, 1003.25, 1008.5]);
  assert.equal(bars.open[1], 1000.5);
  assert.equal(bars.high[3], 1007.5);
  assert.equal(bars.low[4], 1002.0);
  assert.equal(bars.volume[5], 3300000000);
  assert.equal(bars.warnings.length, 1);
  assert.match(bars.warnings[0], /\^GSPC: Yahoo sent no close for 2023-11-24; rows dropped/);
});

Deno.test("yahoo chart: the request URL encodes the symbol and an inclusive date range", () => {
  const url = yahooChartUrl({ symbol: "^VIX", start: "2024-01-02", end: "2024-01-05" });
  assert.match(url, /\/v8\/finance\/chart\/%5EVIX\?/);
  assert.match(url, /period1=1704153600&period2=1704499200&interval=1d/);
});

const cases: Array<[string, string, RegExp, number | null]> = [
  ["chart_unknown_symbol.json", "unknown-series", /no such symbol \(Not Found/, null],
  ["chart_truncated.json.txt", "truncated", /ends early/, null],
  [
    "chart_malformed.json",
    "malformed",
    /unexpected chart JSON at chart\.result\.0\.indicators/,
    null,
  ],
  ["chart_empty.json", "empty", /no bars/, null],
  ["chart_non_numeric.json", "non-numeric", /close value is not a number/, 3],
  ["chart_length_mismatch.json", "truncated", /7 timestamps but 6 close values/, 7],
  ["chart_duplicate_date.json", "duplicate-date", /2023-11-21 appears twice/, 4],
  ["chart_non_monotonic.json", "non-monotonic", /2023-11-20 comes after 2023-11-21/, 3],
];

for (const [file, code, message, row] of cases) {
  Deno.test(`yahoo chart: ${file} → ${code} error naming source, series and row`, async () => {
    const error = await dataErrorOf(
      () => parseYahooChart(readFixture(`yahoo/${file}`), where),
      code,
    );
    assert.match(error.message, /^yahoo \^GSPC/);
    assert.match(error.message, message);
    assert.equal(error.row, row);
  });
}

Deno.test("yahoo chart: an empty body is an empty-response error", async () => {
  await dataErrorOf(() => parseYahooChart("  \n", where), "empty");
});
