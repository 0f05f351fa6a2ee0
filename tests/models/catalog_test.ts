/**
 * The catalog (what the train task imports) and the registry (static specs) list the same
 * kinds with the same schema objects, each catalog module exports its kind's spec, and the
 * catalog itself imports no model implementation.
 */
import assert from "node:assert/strict";
import { join } from "node:path";
import { SourceHasher } from "../../engine/keys/modgraph.ts";
import { fromFileUrl } from "../../engine/store/paths.ts";
import { catalogEntry, loadModelSpec, MODEL_CATALOG } from "../../models/catalog.ts";
import { MODELS } from "../../models/registry.ts";

const CATALOG_URL = new URL("../../models/catalog.ts", import.meta.url).href;
const ROOT = fromFileUrl(new URL("../../", import.meta.url).href);

Deno.test("catalog and registry list the same kinds, schemas and descriptions", () => {
  assert.deepEqual([...MODEL_CATALOG.keys()].sort(), [...MODELS.keys()].sort());
  for (const [kind, entry] of MODEL_CATALOG) {
    const spec = MODELS.get(kind)!;
    assert.equal(entry.kind, kind);
    assert.equal(entry.schema, spec.schema, `${kind}: the catalog's schema is the spec's`);
    assert.equal(entry.description, spec.description, kind);
  }
});

Deno.test("each catalog module exports its kind's spec", async () => {
  for (const [kind, entry] of MODEL_CATALOG) {
    assert.match(entry.module, /^file:\/\/.*\/models\/.*\.ts$/);
    assert.equal(await loadModelSpec(kind), MODELS.get(kind), kind);
  }
});

Deno.test("unknown kinds are refused with the known ones", async () => {
  assert.throws(() => catalogEntry("tfx"), /unknown model kind "tfx"; known kinds: .*arimax/);
  await assert.rejects(loadModelSpec("tfx"), /unknown model kind "tfx"/);
});

Deno.test("the catalog imports config schemas only: no implementation, no tfjs", async () => {
  const state = await Deno.makeTempDir({ prefix: "finfusion-catalog-closure-" });
  try {
    const hasher = new SourceHasher({
      root: ROOT,
      cacheFile: join(state, "modgraph.json"),
      configFile: join(ROOT, "deno.json"),
    });
    const closure = (await hasher.closures([CATALOG_URL])).get(CATALOG_URL)!;
    const files = Object.keys(closure.files);
    assert.ok(
      files.includes("models/tft/config.ts") && files.includes("models/baselines/fit_on.ts"),
    );
    for (const entry of MODEL_CATALOG.values()) {
      const path = fromFileUrl(entry.module).slice(ROOT.length);
      assert.ok(!files.includes(path), `${path} is in the catalog's static graph`);
    }
    assert.ok(
      closure.npm.length > 0 && closure.npm.every((name) => name.startsWith("zod@")),
      closure.npm.join(", "),
    );
  } finally {
    await Deno.remove(state, { recursive: true });
  }
});
