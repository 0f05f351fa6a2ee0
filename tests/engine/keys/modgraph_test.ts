import assert from "node:assert/strict";
import { join } from "node:path";
import { SourceHasher } from "../../../engine/keys/modgraph.ts";
import { toFileUrl } from "../../../engine/store/paths.ts";
import { CONFIG } from "../fixture_project.ts";

Deno.test("closures hash local run-time imports and npm versions, cached by mtime and content", async () => {
  const root = await Deno.makeTempDir();
  try {
    Deno.writeTextFileSync(join(root, "types.ts"), "export type Shape = { n: number };\n");
    Deno.writeTextFileSync(join(root, "helper.ts"), "export const twice = (n: number) => 2 * n;\n");
    Deno.writeTextFileSync(
      join(root, "task.ts"),
      'import type { Shape } from "./types.ts";\nimport { twice } from "./helper.ts";\n' +
        'import { z } from "zod";\nexport const run = (s: Shape) => twice(s.n) + String(z);\n',
    );
    const cacheFile = join(root, "cache.json");
    const hasher = () => new SourceHasher({ root, cacheFile, configFile: CONFIG });
    const url = toFileUrl(join(root, "task.ts"));
    const first = (await hasher().closures([url])).get(url)!;
    assert.deepEqual(
      Object.keys(first.files),
      ["helper.ts", "task.ts"],
      "type-only imports excluded",
    );
    assert.deepEqual(first.npm, ["zod@4.6.7"]);
    const cached = (await hasher().closures([url])).get(url)!;
    assert.deepEqual(cached, first);

    // Same content, new mtime: same hashes. New content: new hash, and the graph is re-read.
    const now = new Date(Date.now() + 5000);
    Deno.utimeSync(join(root, "helper.ts"), now, now);
    assert.deepEqual((await hasher().closures([url])).get(url), first);
    Deno.writeTextFileSync(join(root, "extra.ts"), "export const three = 3;\n");
    Deno.writeTextFileSync(
      join(root, "helper.ts"),
      'import { three } from "./extra.ts";\nexport const twice = (n: number) => 2 * n + three;\n',
    );
    const changed = (await hasher().closures([url])).get(url)!;
    assert.deepEqual(Object.keys(changed.files), ["extra.ts", "helper.ts", "task.ts"]);
    assert.notEqual(changed.files["helper.ts"], first.files["helper.ts"]);
    assert.equal(changed.files["task.ts"], first.files["task.ts"]);
  } finally {
    await Deno.remove(root, { recursive: true });
  }
});
