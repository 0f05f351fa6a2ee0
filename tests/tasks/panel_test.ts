import assert from "node:assert/strict";
import { fetchPanel } from "../../tasks/fetch.ts";
import { buildPanelFeatures } from "../../tasks/feature.ts";
import { panelFold } from "../../tasks/split.ts";
import type { PricePanel } from "../../data/panel/load.ts";
import type { PanelFrame } from "../../data/panel/frame.ts";
import { LARGE_CAPS, SECTOR_ETFS } from "../../data/panel/universe.ts";
import { fakeContext, sharedDataDir } from "../data/_helpers.ts";
import { decodeArtifact, encodeArtifact } from "../../engine/store/codec.ts";

Deno.test("panel tasks: documented defaults", () => {
  const fetch = fetchPanel.params.parse({});
  assert.equal(fetch.index, "^GSPC");
  assert.deepEqual(fetch.groups, { etf: [...SECTOR_ETFS], stocks: [...LARGE_CAPS] });
  assert.equal(LARGE_CAPS.length, 100);
  assert.equal(SECTOR_ETFS.length, 11);
  assert.deepEqual(buildPanelFeatures.params.parse({}).frequency, "weekly");
  assert.deepEqual(panelFold.params.parse({ testYear: 2020 }), {
    testYear: 2020,
    trainYears: 10,
    validationYears: 1,
    encoderLength: 12,
    horizon: 1,
    embargo: 0,
    clipStd: 5,
    minTrainRows: 60,
  });
  assert.throws(() => fetchPanel.params.parse({ groups: { Bad: ["XLK"] } }), /group name/);
});

Deno.test("panel tasks: every reference series from the mirror, keyed by the files' hashes", async () => {
  const params = fetchPanel.params.parse({ end: "2024-12-31", start: "2008-01-01" });
  const ctx = fakeContext();
  const panel = await fetchPanel.run({}, params, ctx) as PricePanel;
  assert.equal(panel.series.length, 112);
  assert.ok(panel.series.every((s) => s.source.provider === "mirror"));
  assert.ok(panel.series.every((s) => s.dates.at(-1) === "2024-12-31"));
  const key = String(
    await fetchPanel.fingerprint!(params, { dataDir: sharedDataDir(), offline: true }),
  );
  assert.match(key, /stocks\/UBER\.csv=[0-9a-f]{64}/);
  assert.match(key, /etf\/XLC\.csv=[0-9a-f]{64}/);

  const features = buildPanelFeatures.run(
    { panel },
    buildPanelFeatures.params.parse({ frequency: "weekly" }),
    ctx,
  ) as PanelFrame;
  const fold = await panelFold.run({ features }, panelFold.params.parse({ testYear: 2019 }), ctx);
  assert.equal(fold.members.length, 112);
  // All three outputs survive the store's codec unchanged.
  for (const value of [panel, features, fold]) {
    assert.deepEqual(decodeArtifact(encodeArtifact(value)), value);
  }
  assert.ok(
    ctx.warnings.some((w) =>
      w.startsWith("panel-2019-weekly: 2 series") && w.endsWith("XLC, UBER")
    ),
    ctx.warnings.join("\n"),
  );
});
