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

Deno.test("a same-size edit whose mtime was put back (cp -p, rsync -t, tar x) is re-hashed", async () => {
  const root = await Deno.makeTempDir();
  try {
    const helper = join(root, "helper.ts");
    Deno.writeTextFileSync(helper, "export const k = 1;\n");
    Deno.writeTextFileSync(join(root, "task.ts"), 'export { k } from "./helper.ts";\n');
    const hasher = () =>
      new SourceHasher({ root, cacheFile: join(root, "cache.json"), configFile: CONFIG });
    const url = toFileUrl(join(root, "task.ts"));
    const editKeepingMtime = (text: string) => {
      const before = Deno.statSync(helper);
      Deno.writeTextFileSync(helper, text);
      Deno.utimeSync(helper, before.atime!, before.mtime!);
      const after = Deno.statSync(helper);
      assert.equal(after.size, before.size);
      assert.equal(after.mtime!.getTime(), before.mtime!.getTime());
    };
    // Within the second the file was written (its stamp cannot prove anything yet).
    const first = (await hasher().closures([url])).get(url)!;
    editKeepingMtime("export const k = 2;\n");
    const racy = (await hasher().closures([url])).get(url)!;
    assert.notEqual(racy.files["helper.ts"], first.files["helper.ts"]);
    // Long after: the stamp is trusted, and the ctime of the edit still gives it away.
    await new Promise((resolve) => setTimeout(resolve, 1700));
    assert.deepEqual((await hasher().closures([url])).get(url), racy, "settled: from the cache");
    editKeepingMtime("export const k = 3;\n");
    const settled = (await hasher().closures([url])).get(url)!;
    assert.notEqual(settled.files["helper.ts"], racy.files["helper.ts"]);
    assert.notEqual(settled.files["helper.ts"], first.files["helper.ts"]);
  } finally {
    await Deno.remove(root, { recursive: true });
  }
});
