import assert from "node:assert/strict";
import { join } from "node:path";
import { mirrorPathFor, readMirrorMacro, readMirrorPrices } from "../../../data/mirror/read.ts";
import { dataErrorOf, sharedDataDir } from "../_helpers.ts";

const shared = sharedDataDir();

Deno.test("mirror: ../shared/data works as a mirror through the documented mapping", async () => {
  const expected: Array<["prices" | "macro", string, string]> = [
    ["prices", "^GSPC", "spx_daily.csv"],
    ["prices", "^VIX", "vix_daily.csv"],
    ["prices", "SPY", "etf/SPY.csv"],
    ["prices", "XLK", "etf/XLK.csv"],
    ["prices", "AAPL", "stocks/AAPL.csv"],
    ["macro", "VIXCLS", "vix_daily.csv"],
    ["macro", "CPIAUCSL", "macro/CPIAUCSL.csv"],
    ["macro", "UNRATE", "macro/UNRATE.csv"],
    ["macro", "DGS10", "macro/DGS10.csv"],
    ["macro", "DGS2", "macro/DGS2.csv"],
    ["macro", "T10Y2Y", "macro/T10Y2Y.csv"],
    ["macro", "FEDFUNDS", "macro/FEDFUNDS.csv"],
    ["macro", "GDPC1", "macro/GDPC1.csv"],
  ];
  for (const [kind, id, path] of expected) {
    assert.equal(await mirrorPathFor(shared, kind, id), path, `${kind} ${id}`);
  }
  assert.equal(await mirrorPathFor(shared, "prices", "^NOSUCH"), null);
  assert.equal(await mirrorPathFor(shared, "macro", "NOSUCH"), null);
});

Deno.test("mirror: ^GSPC reads spx_daily.csv OHLCV as published", async () => {
  const read = await readMirrorPrices(shared, "^GSPC");
  assert.ok(read);
  const { bars, source } = read;
  assert.equal(source.provider, "mirror");
  assert.equal(source.location, "spx_daily.csv");
  assert.match(source.sha256, /^[0-9a-f]{64}$/);
  // First line of spx_daily.csv: 1990-01-02,353.40,359.69,351.98,359.69,162070000
  assert.equal(bars.dates[0], "1990-01-02");
  assert.deepEqual(
    [bars.open[0], bars.high[0], bars.low[0], bars.close[0], bars.volume[0]],
    [353.4, 359.69, 351.98, 359.69, 162070000],
  );
  const i = bars.dates.indexOf("2020-03-23");
  assert.equal(bars.close[i], 2237.4);
});

Deno.test("mirror: ^VIX and VIXCLS read the CBOE close only", async () => {
  const vix = await readMirrorPrices(shared, "^VIX");
  assert.ok(vix);
  const i = vix.bars.dates.indexOf("2020-03-16");
  assert.equal(vix.bars.close[i], 82.69);
  assert.ok(Number.isNaN(vix.bars.open[i]) && Number.isNaN(vix.bars.high[i]));
  assert.ok(Number.isNaN(vix.bars.volume[i]));
  // CBOE rows on NYSE holidays (spx_trading_day = 0) are kept: VIX is its own series.
  assert.ok(vix.bars.dates.includes("2004-06-11"));
  const vixcls = await readMirrorMacro(shared, "VIXCLS");
  assert.ok(vixcls);
  assert.deepEqual(vixcls.observations.dates, vix.bars.dates);
  assert.deepEqual(Array.from(vixcls.observations.values), Array.from(vix.bars.close));
});

Deno.test("mirror: finfusion's own layout (prices/<SYMBOL>.csv) wins over the shared names", async () => {
  const dir = await Deno.makeTempDir();
  try {
    await Deno.mkdir(join(dir, "prices"));
    await Deno.writeTextFile(
      join(dir, "prices", "GSPC.csv"),
      "date,open,high,low,close,volume\n2024-01-02,1,2,0.5,1.5,10\n2024-01-03,1.5,2,1,1.8,\n",
    );
    await Deno.writeTextFile(join(dir, "spx_daily.csv"), "date,close\n2024-01-02,99\n");
    const read = await readMirrorPrices(dir, "^GSPC");
    assert.equal(read?.source.location, "prices/GSPC.csv");
    assert.deepEqual(Array.from(read!.bars.close), [1.5, 1.8]);
    assert.ok(Number.isNaN(read!.bars.volume[1]), "a blank volume is missing, not zero");
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("mirror: bad price files give named errors (source, series, row)", async () => {
  const dir = await Deno.makeTempDir();
  await Deno.mkdir(join(dir, "prices"));
  const header = "date,open,high,low,close,volume\n";
  const cases: Array<[string, string, RegExp]> = [
    [
      "2024-01-02,1,2,0.5,1.5,10\n2024-01-03,1,2,0.5,,10\n",
      "non-numeric",
      /row 2: close is missing/,
    ],
    ["2024-01-02,1,2,0.5,1.5,10\n2024-01-03,1,2,0.5,0,10\n", "invalid-value", /row 2: close on/],
    ["2024-01-03,1,2,0.5,1.5,10\n2024-01-02,1,2,0.5,1.6,10\n", "non-monotonic", /row 2/],
    ["2024-01-02,1,2,0.5,1.5,10\n2024-01-02,1,2,0.5,1.6,10\n", "duplicate-date", /row 2/],
    ["2024-01-02,1,2,0.5,1.5,ten\n", "non-numeric", /row 1: volume on 2024-01-02 is "ten"/],
  ];
  try {
    for (const [rows, code, message] of cases) {
      await Deno.writeTextFile(join(dir, "prices", "GSPC.csv"), header + rows);
      const error = await dataErrorOf(() => readMirrorPrices(dir, "^GSPC"), code);
      assert.match(error.message, /^mirror prices\/GSPC\.csv \^GSPC, /);
      assert.match(error.message, message);
    }
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
