import assert from "node:assert/strict";
import { loadPrices } from "../../data/load_prices.ts";
import { loadMacro } from "../../data/load_macro.ts";
import type { SourceOptions } from "../../data/source.ts";
import { HostHealth } from "../../data/providers/host_health.ts";
import { dataErrorOf, readFixture, sharedDataDir } from "./_helpers.ts";

const request = { symbol: "^GSPC", start: "2024-01-01", end: "2024-12-31" };

function options(overrides: Partial<SourceOptions>, fetchFn: typeof fetch): SourceOptions {
  return {
    mode: "auto",
    dataDir: sharedDataDir(),
    offline: false,
    maxGapDays: 5,
    http: { timeoutMs: 1000, retries: 2, backoffMs: 0, fetchFn },
    ...overrides,
  };
}

const dnsFailure = (() =>
  Promise.reject(
    new TypeError("fetch failed", { cause: new Error("dns error: failed to lookup address") }),
  )) as typeof fetch;

const mustNotFetch = (() => {
  throw new Error("the network must not be touched");
}) as typeof fetch;

const answer = (status: number, body: string) =>
  (() => Promise.resolve(new Response(body, { status }))) as typeof fetch;

Deno.test("source auto: an unreachable network falls back to the mirror, with a warning", async () => {
  const series = await loadPrices(request, options({}, dnsFailure));
  assert.equal(series.source.provider, "mirror");
  assert.equal(series.source.location, "spx_daily.csv");
  assert.equal(series.fetchedAt, null);
  assert.equal(series.dates[0], "2024-01-02");
  assert.equal(series.dates.at(-1), "2024-12-31");
  assert.equal(series.dates.length, 252);
  assert.match(
    series.warnings[0],
    /\^GSPC: network unavailable .*dns error.*read mirror spx_daily/,
  );
});

Deno.test("source auto: a reachable network is used and the snapshot records its fetch", async () => {
  const body = readFixture("yahoo/chart_gspc.json");
  const series = await loadPrices(
    { symbol: "^GSPC", start: "2023-11-01", end: "2023-11-30" },
    options({}, answer(200, body)),
  );
  assert.equal(series.source.provider, "yahoo");
  assert.match(
    series.source.location,
    /^https:\/\/query2\.finance\.yahoo\.com\/v8\/finance\/chart\//,
  );
  assert.match(series.source.sha256, /^[0-9a-f]{64}$/);
  assert.ok(series.fetchedAt !== null && !Number.isNaN(Date.parse(series.fetchedAt)));
  assert.equal(series.dates.length, 6);
});

Deno.test("source mirror / --offline: the network is never touched", async () => {
  const mirror = await loadPrices(request, options({ mode: "mirror" }, mustNotFetch));
  assert.equal(mirror.source.provider, "mirror");
  assert.deepEqual(mirror.warnings, []);
  const offline = await loadPrices(request, options({ offline: true }, mustNotFetch));
  assert.equal(offline.source.provider, "mirror");
});

Deno.test("source: with neither network nor mirror the error names the series and both ways out", async () => {
  const error = await dataErrorOf(
    () => loadPrices(request, options({ offline: true, dataDir: null }, mustNotFetch)),
    "unavailable",
  );
  assert.equal(error.series, "^GSPC");
  assert.match(error.message, /--offline/);
  assert.match(error.message, /no offline mirror folder is set/);
  assert.match(error.message, /--data DIR or FINFUSION_DATA=DIR/);
  assert.match(error.message, /allow network access/);
  const network = await dataErrorOf(
    () =>
      loadMacro(
        { ids: ["DGS10"], start: "2024-01-01", end: null },
        options({ mode: "network" }, dnsFailure),
      ),
    "unavailable",
  );
  assert.match(network.message, /^fetch DGS10: could not be fetched: GET https:\/\/fred/);
  assert.match(network.message, /FINFUSION_DATA/);
  const empty = await Deno.makeTempDir();
  try {
    const missing = await dataErrorOf(
      () => loadPrices(request, options({ dataDir: empty }, dnsFailure)),
      "unavailable",
    );
    assert.match(missing.message, /dns error.*has no file for it.*--data DIR/);
  } finally {
    await Deno.remove(empty);
  }
});

Deno.test("source: an unknown symbol or series is an error, not a silent mirror read", async () => {
  const yahoo = await dataErrorOf(
    () =>
      loadPrices(request, options({}, answer(404, readFixture("yahoo/chart_unknown_symbol.json")))),
    "unknown-series",
  );
  assert.match(yahoo.message, /^yahoo \^GSPC: Yahoo knows no such symbol/);
  const fred = await dataErrorOf(
    () =>
      loadMacro(
        { ids: ["NOSUCH"], start: "2024-01-01", end: null },
        options({}, answer(404, "Not Found")),
      ),
    "unknown-series",
  );
  assert.match(fred.message, /^fred NOSUCH: FRED has no series "NOSUCH" \(HTTP 404\)/);
  const mirror = await dataErrorOf(
    () => loadPrices({ ...request, symbol: "^NOSUCH" }, options({ mode: "mirror" }, mustNotFetch)),
    "unavailable",
  );
  assert.match(mirror.message, /\^NOSUCH: could not be fetched: .*has no file for it/);
});

Deno.test("source: FRED CSV over the network, '.' rows dropped, range kept", async () => {
  const macro = await loadMacro(
    { ids: ["CPIAUCSL"], start: "2019-06-01", end: "2020-12-31" },
    options({}, answer(200, readFixture("fred/CPIAUCSL.csv"))),
  );
  const [cpi] = macro.series;
  assert.equal(cpi.source.provider, "fred");
  assert.equal(cpi.dates[0], "2019-06-01");
  assert.equal(cpi.dates.at(-1), "2020-03-01");
  assert.ok(macro.fetchedAt !== null);
});

Deno.test("source: gaps longer than maxGapDays become warnings naming series and dates", async () => {
  const dir = await Deno.makeTempDir();
  try {
    await Deno.mkdir(`${dir}/macro`);
    await Deno.writeTextFile(
      `${dir}/macro/DGS10.csv`,
      "date,value\n2024-01-02,3.95\n2024-01-03,3.91\n2024-01-12,3.94\n2024-01-16,4.07\n",
    );
    const load = (maxGapDays: number) =>
      loadMacro(
        { ids: ["DGS10"], start: "2024-01-01", end: null },
        { ...options({ mode: "mirror", dataDir: dir }, mustNotFetch), maxGapDays },
      );
    const strict = await load(5);
    assert.equal(strict.warnings.length, 1);
    assert.match(
      strict.warnings[0],
      /DGS10 \(mirror macro\/DGS10\.csv\): gap of 6 trading days between 2024-01-03 and 2024-01-12/,
    );
    assert.deepEqual((await load(6)).warnings, []);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("source auto: once FRED proves unreachable, the other series skip the network", async () => {
  let calls = 0;
  const counting = ((...args: Parameters<typeof fetch>) => {
    calls++;
    return dnsFailure(...args);
  }) as typeof fetch;
  const macro = await loadMacro(
    { ids: ["CPIAUCSL", "UNRATE", "VIXCLS"], start: "2024-01-01", end: "2024-12-31" },
    options({}, counting),
  );
  assert.equal(calls, 1);
  assert.deepEqual(macro.series.map((s) => s.source.location), [
    "macro/CPIAUCSL.csv",
    "macro/UNRATE.csv",
    "vix_daily.csv",
  ]);
  assert.equal(macro.warnings.length, 1);
  assert.match(
    macro.warnings[0],
    /^FRED network unavailable \(fred\.stlouisfed\.org: dns error.*\); read the mirror: CPIAUCSL \(macro\/CPIAUCSL\.csv\), UNRATE/,
  );
});

Deno.test("source auto: a hung network costs one node's timeouts; later nodes read the mirror", async () => {
  let calls = 0;
  const hang = ((_url: string, init?: RequestInit) => {
    calls++;
    return new Promise((_, reject) =>
      init?.signal?.addEventListener("abort", () => reject(init.signal!.reason))
    );
  }) as typeof fetch;
  const health = new HostHealth();
  const run = (symbol: string) =>
    loadPrices({ ...request, symbol }, {
      ...options({}, hang),
      http: { timeoutMs: 20, retries: 3, backoffMs: 0, fetchFn: hang, health },
    });
  const first = await run("^GSPC");
  assert.equal(calls, 4, "the first node pays its timeouts");
  assert.equal(first.source.provider, "mirror");
  assert.match(first.warnings[0], /timed out after 20 ms \(after 4 attempts\)/);
  const second = await run("^VIX");
  assert.equal(calls, 4, "the next node does not touch the hung host");
  assert.equal(second.source.provider, "mirror");
  assert.match(second.warnings[0], /found earlier in this run.*read mirror vix_daily\.csv/);
});
