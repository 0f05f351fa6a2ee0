/**
 * With neither network nor mirror, a fetch fails at once with one error that names every
 * series it could not get, why each source failed, and both ways out for this run.
 */
import assert from "node:assert/strict";
import { join } from "node:path";
import { loadMacro } from "../../data/load_macro.ts";
import { loadPrices } from "../../data/load_prices.ts";
import type { SourceOptions } from "../../data/source.ts";
import { dataErrorOf } from "./_helpers.ts";

const prices = { symbol: "^GSPC", start: "2024-01-01", end: "2024-12-31" };
const macro = { ids: ["CPIAUCSL", "UNRATE", "VIXCLS"], start: "2024-01-01", end: "2024-12-31" };

/** A fetch that fails the way Deno's does when DNS cannot resolve the host; counts calls. */
function offlineNetwork() {
  const counter = { calls: 0 };
  const fetchFn = (() => {
    counter.calls++;
    return Promise.reject(
      new TypeError("fetch failed", {
        cause: new Error(
          "error sending request for url (https://x/): client error (Connect): dns error: " +
            "failed to lookup address information: Name or service not known",
        ),
      }),
    );
  }) as typeof fetch;
  return { counter, fetchFn };
}

function options(dataDir: string | null, overrides: Partial<SourceOptions> = {}) {
  const { counter, fetchFn } = offlineNetwork();
  const source: SourceOptions = {
    mode: "auto",
    dataDir,
    offline: false,
    maxGapDays: 5,
    http: { timeoutMs: 1000, retries: 3, backoffMs: 10_000, fetchFn },
    ...overrides,
  };
  return { counter, source };
}

const WAYS_OUT = "Either point finfusion at an offline mirror with --data DIR or " +
  "FINFUSION_DATA=DIR (layout in data/README.md; ../shared/data works as is), or allow " +
  "network access to Yahoo Finance and FRED";

Deno.test("unavailable: a mirror folder that does not exist is named as such", async () => {
  const { source } = options("/nonexistent/finfusion-mirror");
  const error = await dataErrorOf(() => loadPrices(prices, source), "unavailable");
  assert.equal(
    error.message,
    "fetch ^GSPC: could not be fetched: network unavailable (query2.finance.yahoo.com: dns " +
      "error: failed to lookup address information: Name or service not known); the mirror " +
      `folder /nonexistent/finfusion-mirror does not exist. ${WAYS_OUT} [unavailable]`,
  );
});

Deno.test("unavailable: an empty mirror setting (FINFUSION_DATA=) means no mirror", async () => {
  const { source } = options("");
  const error = await dataErrorOf(() => loadPrices(prices, source), "unavailable");
  assert.match(error.message, /\); no offline mirror folder is set\. Either point/);
});

Deno.test("unavailable: a macro node names every series it cannot get, after one network try", async () => {
  const empty = await Deno.makeTempDir();
  try {
    const { counter, source } = options(empty);
    const error = await dataErrorOf(() => loadMacro(macro, source), "unavailable");
    assert.equal(counter.calls, 1, "the network is tried once, with no retries");
    assert.equal(error.series, "CPIAUCSL, UNRATE, VIXCLS");
    assert.match(
      error.message,
      new RegExp(
        "^fetch CPIAUCSL, UNRATE, VIXCLS: could not be fetched: network unavailable " +
          "\\(fred\\.stlouisfed\\.org: dns error[^)]*\\); the mirror \\S+ has no file for " +
          "them \\(looked for macro/CPIAUCSL\\.csv, macro/UNRATE\\.csv, macro/VIXCLS\\.csv, " +
          "vix_daily\\.csv\\)\\. Either point",
      ),
    );
    // A mirror that holds some of them: only the missing ones are named.
    await Deno.mkdir(join(empty, "macro"));
    await Deno.writeTextFile(join(empty, "macro", "UNRATE.csv"), "date,value\n2024-01-01,3.7\n");
    const partial = await dataErrorOf(() => loadMacro(macro, options(empty).source), "unavailable");
    assert.equal(partial.series, "CPIAUCSL, VIXCLS");
  } finally {
    await Deno.remove(empty, { recursive: true });
  }
});

Deno.test("unavailable: the ways out say what to change for this node and run", async () => {
  const { source: offlineMirror } = options(null, { mode: "mirror", offline: true });
  const offline = await dataErrorOf(() => loadPrices(prices, offlineMirror), "unavailable");
  assert.match(
    offline.message,
    /could not be fetched: the run is --offline; no offline mirror folder is set\. .* FRED \(run without --offline and set the node's source to "auto"\) \[unavailable\]$/,
  );
  const { counter, source: networkOnly } = options("/nonexistent", { mode: "network" });
  const network = await dataErrorOf(() => loadMacro(macro, networkOnly), "unavailable");
  assert.equal(counter.calls, 1, "source network stops at the first series");
  assert.match(
    network.message,
    /^fetch CPIAUCSL: could not be fetched: GET https:\/\/fred\.stlouisfed\.org\/\S+ failed: dns error.*; source "network" does not read the mirror\. Either set the node's source to "auto" and point finfusion at an offline mirror/,
  );
});
