/**
 * The engine knows no model: no module under `engine/` imports (statically, as a type, or by
 * a literal dynamic `import("…")`) anything under `models/`, directly or through the local
 * modules it imports. The CLI's composition root (`cli.ts`) joins them.
 */
import assert from "node:assert/strict";
import { dirname, join, relative, resolve } from "node:path";
import { REPO } from "./fixture_project.ts";

const SPECIFIER = /(?:\bfrom\s*|\bimport\s*\(\s*|\bimport\s+)["']([^"']+)["']/g;

/** Local files a module names in its import and export statements. */
export function localImports(file: string): string[] {
  const text = Deno.readTextFileSync(file);
  return [...text.matchAll(SPECIFIER)].map((match) => match[1])
    .filter((specifier) => specifier.startsWith("."))
    .map((specifier) => resolve(dirname(file), specifier));
}

function tsFiles(dir: string): string[] {
  return [...Deno.readDirSync(dir)].flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory) return tsFiles(path);
    return entry.name.endsWith(".ts") ? [path] : [];
  });
}

/** Every local module reachable from `roots`, with the chain that first reached it. */
function reachable(roots: string[]): Map<string, string[]> {
  const chains = new Map(roots.map((root) => [root, [root]]));
  const queue = [...roots];
  while (queue.length) {
    const file = queue.shift()!;
    for (const target of localImports(file)) {
      if (chains.has(target)) continue;
      chains.set(target, [...chains.get(file)!, target]);
      queue.push(target);
    }
  }
  return chains;
}

Deno.test("the import scanner sees static, type-only, re-exported and literal dynamic imports", () => {
  const dir = Deno.makeTempDirSync();
  try {
    const file = join(dir, "probe.ts");
    Deno.writeTextFileSync(
      file,
      'import type { A } from "../models/a.ts";\nimport "./side.ts";\n' +
        'export { b } from "./b.ts";\nconst c = await import("../models/c.ts");\n' +
        'import { z } from "zod";\n',
    );
    assert.deepEqual(localImports(file).map((path) => relative(dir, path)), [
      "../models/a.ts",
      "side.ts",
      "b.ts",
      "../models/c.ts",
    ]);
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

Deno.test("no module under engine/ imports models/, directly or transitively", () => {
  const engine = join(REPO, "engine");
  const models = join(REPO, "models") + "/";
  const chains = reachable(tsFiles(engine));
  const offending = [...chains.entries()].filter(([file]) => file.startsWith(models))
    .map(([, chain]) => chain.map((file) => relative(REPO, file)).join(" → "));
  assert.deepEqual(offending, []);
  // The walk does reach beyond single files (it would have seen a models/ import).
  assert.ok(chains.has(join(REPO, "engine", "declare", "errors.ts")));
  // And the composition root is where the models' backend joins the CLI.
  assert.ok(localImports(join(REPO, "cli.ts")).includes(join(REPO, "models", "tf", "backend.ts")));
});
