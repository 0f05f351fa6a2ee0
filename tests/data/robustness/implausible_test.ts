import assert from "node:assert/strict";
import { loadMacro } from "../../../data/load_macro.ts";
import { loadPrices } from "../../../data/load_prices.ts";
import { fetchPrices } from "../../../tasks/fetch.ts";
import { dataErrorOf, fakeContext, mirrorOptions } from "../_helpers.ts";
import { editedMirror, type LineEdit, setField } from "./_mirror.ts";

const span = { start: "2024-01-01", end: "2024-12-31" };

async function withMirror<T>(
  edits: Record<string, LineEdit[]>,
  body: (dir: string) => Promise<T>,
): Promise<T> {
  const dir = await editedMirror(edits);
  try {
    return await body(dir);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}

Deno.test("implausible: a close ×100 for one day fails, naming file, series, row and date", async () => {
  await withMirror({ "spx_daily.csv": [setField("2024-03-14", 4, "516500")] }, async (dir) => {
    const error = await dataErrorOf(
      () => loadPrices({ symbol: "^GSPC", ...span }, mirrorOptions(dir)),
      "implausible",
    );
    assert.match(error.message, /^mirror spx_daily\.csv \^GSPC, row \d+: close on 2024-03-14/);
    assert.match(error.message, /more than maxDailyMove = 3/);
    assert.match(error.message, /onImplausible: "warn"/);
    const lines = (await Deno.readTextFile(`${dir}/spx_daily.csv`)).split("\n");
    assert.ok(lines[error.row!].startsWith("2024-03-14,"), "row is the file's data row");
    // Warn mode: the run goes on with one warning per implausible move (up, then down).
    const ctx = fakeContext({ dataDir: dir });
    const params = fetchPrices.params.parse({ ...span, onImplausible: "warn" });
    await fetchPrices.run({}, params, ctx);
    const moves = ctx.warnings.filter((w) => w.includes("maxDailyMove"));
    assert.equal(moves.length, 2, ctx.warnings.join("\n"));
  });
});

Deno.test("implausible: 1e300, a negative price, a negative volume, an unrecorded open", async () => {
  await withMirror({
    "spx_daily.csv": [setField("2024-05-01", 4, "1e300")],
    "vix_daily.csv": [setField("2024-05-01", 4, "-13.2")],
  }, async (dir) => {
    await dataErrorOf(
      () => loadPrices({ symbol: "^GSPC", ...span }, mirrorOptions(dir)),
      "implausible",
    );
    const vix = await dataErrorOf(
      () => loadPrices({ symbol: "^VIX", ...span }, mirrorOptions(dir)),
      "invalid-value",
    );
    assert.match(vix.message, /close on 2024-05-01 is -13\.2; prices must be positive/);
  });
  await withMirror({ "spx_daily.csv": [setField("2024-05-01", 5, "-4000")] }, async (dir) => {
    const error = await dataErrorOf(
      () => loadPrices({ symbol: "^GSPC", ...span }, mirrorOptions(dir)),
      "invalid-value",
    );
    assert.match(error.message, /volume on 2024-05-01 is -4000; volumes cannot be negative/);
  });
  await withMirror({ "spx_daily.csv": [setField("2024-05-01", 3, "-1")] }, async (dir) => {
    const error = await dataErrorOf(
      () => loadPrices({ symbol: "^GSPC", ...span }, mirrorOptions(dir)),
      "invalid-value",
    );
    assert.match(error.message, /low on 2024-05-01 is -1; prices must be positive/);
  });
  // An open of 0 is Yahoo's "not recorded" (^GSPC before 1982): missing, with a warning.
  await withMirror({ "spx_daily.csv": [setField("2024-05-01", 1, "0")] }, async (dir) => {
    const series = await loadPrices({ symbol: "^GSPC", ...span }, mirrorOptions(dir));
    assert.ok(Number.isNaN(series.open[series.dates.indexOf("2024-05-01")]));
    assert.ok(series.warnings.some((w) => /1 open values of 0 read as not recorded/.test(w)));
  });
});

Deno.test("implausible: a CPI of -250 and an absurd yield fail, a warn run goes on", async () => {
  const request = { ids: ["CPIAUCSL", "DGS10"], start: "2020-01-01", end: "2024-12-31" };
  await withMirror({ "macro/CPIAUCSL.csv": [setField("2023-04-01", 1, "-250")] }, async (dir) => {
    const error = await dataErrorOf(() => loadMacro(request, mirrorOptions(dir)), "invalid-value");
    assert.match(error.message, /CPIAUCSL, row \d+: value on 2023-04-01 is -250; .* positive/);
  });
  await withMirror({ "macro/DGS10.csv": [setField("2023-04-03", 1, "1e300")] }, async (dir) => {
    const error = await dataErrorOf(() => loadMacro(request, mirrorOptions(dir)), "implausible");
    assert.match(error.message, /DGS10, row \d+: value on 2023-04-03 is 1e\+300, outside/);
    const warned = await loadMacro({ ...request, onImplausible: "warn" }, mirrorOptions(dir));
    assert.ok(warned.warnings.some((w) => w.includes("DGS10") && w.includes("2023-04-03")));
  });
  await withMirror({ "macro/CPIAUCSL.csv": [setField("2023-04-01", 1, "3030.1")] }, async (dir) => {
    const error = await dataErrorOf(() => loadMacro(request, mirrorOptions(dir)), "implausible");
    assert.match(error.message, /more than ×1\.5 between observations/);
  });
});

Deno.test("implausible: the real reference data passes every check without a warning", async () => {
  for (const symbol of ["^GSPC", "^VIX", "SPY", "XLRE", "AMD", "VRTX"]) {
    const series = await loadPrices({ symbol, start: "1990-01-01", end: null }, mirrorOptions());
    assert.deepEqual(series.warnings.filter((w) => w.includes("maxDailyMove")), [], symbol);
  }
});
