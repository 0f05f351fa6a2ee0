import assert from "node:assert/strict";
import { join } from "node:path";
import { DEFAULT_MACRO_SERIES, fetchMacro, fetchPrices } from "../../tasks/fetch.ts";
import { sha256Hex } from "../../engine/keys/hash.ts";
import { fakeContext, sharedDataDir } from "../data/_helpers.ts";

Deno.test("fetch params: documented defaults, strict keys, ordered range", () => {
  assert.deepEqual(fetchPrices.params.parse({}), {
    symbol: "^GSPC",
    start: "1990-01-01",
    end: null,
    source: "auto",
    maxGapDays: 5,
    timeoutMs: 15_000,
    retries: 3,
    backoffMs: 1_000,
    onImplausible: "error",
    maxDailyMove: 3,
  });
  const macro = fetchMacro.params.parse({ end: "2024-12-31" });
  assert.deepEqual(macro.series, [...DEFAULT_MACRO_SERIES]);
  assert.equal(macro.start, "1989-01-01");
  assert.throws(() => fetchPrices.params.parse({ symbl: "^VIX" }), /Unrecognized key/);
  assert.throws(() => fetchPrices.params.parse({ end: "2024-02-30" }), /YYYY-MM-DD/);
  assert.throws(
    () => fetchPrices.params.parse({ start: "2024-01-01", end: "2023-01-01" }),
    /start must not be after end/,
  );
  assert.throws(() => fetchMacro.params.parse({ series: ["CPI-U"] }), /a FRED id/);
});

Deno.test("fetchPrices: offline run reads the mirror into a plain, reproducible snapshot", async () => {
  const params = fetchPrices.params.parse({ symbol: "^VIX", end: "2024-12-31" });
  const ctx = fakeContext();
  const a = await fetchPrices.run({}, params, ctx);
  const b = await fetchPrices.run({}, params, fakeContext());
  assert.deepEqual(a, b, "the same mirror bytes give the same snapshot");
  assert.equal(a.kind, "prices");
  assert.equal(a.fetchedAt, null);
  assert.equal(a.source.location, "vix_daily.csv");
  assert.equal(a.dates.at(-1), "2024-12-31");
  assert.equal(Object.getPrototypeOf(a), Object.prototype);
  assert.ok(a.close instanceof Float64Array);
  assert.deepEqual(ctx.warnings, []);
});

Deno.test("fetchMacro: the default FRED series from the shared mirror", async () => {
  const macro = await fetchMacro.run(
    {},
    fetchMacro.params.parse({ end: "2024-12-31" }),
    fakeContext(),
  );
  assert.deepEqual(macro.series.map((s) => s.id), [...DEFAULT_MACRO_SERIES]);
  const cpi = macro.series[0];
  assert.equal(cpi.dates.at(-1), "2024-12-01");
  assert.equal(cpi.values.at(-1), 317.603);
  assert.equal(macro.series.find((s) => s.id === "VIXCLS")?.source.location, "vix_daily.csv");
});

Deno.test("fetch: gap warnings go to ctx.warn; neither network nor mirror names both ways out", async () => {
  const dir = await Deno.makeTempDir();
  try {
    await Deno.mkdir(join(dir, "macro"));
    await Deno.writeTextFile(
      join(dir, "macro", "UNRATE.csv"),
      "date,value\n2024-01-01,3.7\n2024-02-01,3.9\n2024-05-01,4.0\n",
    );
    const ctx = fakeContext({ dataDir: dir });
    await fetchMacro.run({}, fetchMacro.params.parse({ series: ["UNRATE"] }), ctx);
    assert.equal(ctx.warnings.length, 1);
    assert.match(ctx.warnings[0], /UNRATE \(mirror macro\/UNRATE\.csv\): gap of 43 trading days/);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
  await assert.rejects(
    async () =>
      await fetchPrices.run({}, fetchPrices.params.parse({}), fakeContext({ dataDir: null })),
    /\^GSPC: could not be fetched: the run is --offline; no offline mirror folder is set\. Either .*--data DIR or FINFUSION_DATA=DIR.*or allow network access/,
  );
});

type Context = { dataDir: string | null; offline: boolean };
const pricesKey = async (params: Record<string, unknown>, context: Context) =>
  (await fetchPrices.fingerprint!(fetchPrices.params.parse(params), context)) ?? "";

Deno.test("fetch fingerprint: mirror reads keyed by content hash, network reads by request", async () => {
  const shared = sharedDataDir();
  const spxHash = sha256Hex(await Deno.readFile(join(shared, "spx_daily.csv")));
  const online = { dataDir: shared, offline: false };
  const mirror = await pricesKey({ source: "mirror" }, online);
  assert.ok(mirror.includes(`spx_daily.csv=${spxHash}`));
  const auto = await pricesKey({}, online);
  assert.ok(auto.includes(spxHash), "auto may fall back to the mirror: its hash is key material");
  const n1 = await pricesKey({ source: "network" }, online);
  const n2 = await pricesKey({ source: "network" }, { dataDir: null, offline: false });
  assert.equal(n1, n2);
  assert.ok(!n1.includes(spxHash));

  const dir = await Deno.makeTempDir();
  try {
    const copy = join(dir, "spx_daily.csv");
    await Deno.copyFile(join(shared, "spx_daily.csv"), copy);
    const before = await pricesKey({ source: "mirror" }, { dataDir: dir, offline: true });
    // The same mirror bytes key the same snapshot, online or --offline.
    assert.equal(before, mirror.replace(shared, dir));
    await Deno.writeTextFile(copy, "2025-01-02,1,1,1,1,1\n", { append: true });
    const after = await pricesKey({ source: "mirror" }, { dataDir: dir, offline: true });
    assert.notEqual(after, before, "a changed mirror file changes the key");
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
  const macro = await fetchMacro.fingerprint!(fetchMacro.params.parse({}), {
    dataDir: shared,
    offline: true,
  });
  assert.equal(macro?.split("|").length, 1 + DEFAULT_MACRO_SERIES.length);
});
