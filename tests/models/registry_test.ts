/**
 * The registry is the one list of model kinds: each registration's config module exports
 * its kind's card, each spec module its spec with the card's schema, and the registry itself
 * imports no kind statically (no config, no implementation, no tfjs).
 */
import assert from "node:assert/strict";
import { join } from "node:path";
import { SourceHasher } from "../../engine/keys/modgraph.ts";
import { fromFileUrl } from "../../engine/store/paths.ts";
import { loadModelSpec, MODEL_KINDS, registeredKind } from "../../models/registry.ts";

const REGISTRY_URL = new URL("../../models/registry.ts", import.meta.url).href;
const ROOT = fromFileUrl(new URL("../../", import.meta.url).href);

Deno.test("the registry lists the study's kinds, each with a description and a schema", () => {
  for (
    const kind of ["tft", "lstm", "cls-transformer", "always-long", "arimax", "garch", "ridge"]
  ) {
    const item = registeredKind(kind);
    assert.equal(item.kind, kind);
    assert.ok(item.description.length > 10, kind);
  }
  for (const [kind, item] of MODEL_KINDS) {
    assert.ok(item.schema.safeParse({}).success, `${kind}: its defaults parse`);
    assert.ok(item.schema.safeParse(item.testConfig).success, `${kind}: its test config parses`);
  }
});

Deno.test("each registered spec module exports its kind's spec with the card's schema", async () => {
  for (const [kind, item] of MODEL_KINDS) {
    assert.match(item.module, /^file:\/\/.*\/models\/.*\.ts$/);
    const spec = await loadModelSpec(kind);
    assert.equal(spec.kind, kind);
    assert.equal(spec.schema, item.schema, `${kind}: the spec's schema is the card's`);
    assert.equal(spec.description, item.description, kind);
  }
});

Deno.test("unknown kinds are refused with the known ones", async () => {
  assert.throws(() => registeredKind("tfx"), /unknown model kind "tfx"; known kinds: .*arimax/);
  await assert.rejects(loadModelSpec("tfx"), /unknown model kind "tfx"/);
});

Deno.test("the registry's static graph holds no kind: no config, no implementation, no npm", async () => {
  const state = await Deno.makeTempDir({ prefix: "finfusion-registry-closure-" });
  try {
    const hasher = new SourceHasher({
      root: ROOT,
      cacheFile: join(state, "modgraph.json"),
      configFile: join(ROOT, "deno.json"),
    });
    const closure = (await hasher.closures([REGISTRY_URL])).get(REGISTRY_URL)!;
    assert.deepEqual(Object.keys(closure.files), ["models/registry.ts"]);
    assert.deepEqual(closure.npm, []);
  } finally {
    await Deno.remove(state, { recursive: true });
  }
});
