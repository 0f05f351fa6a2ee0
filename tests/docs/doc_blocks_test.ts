import assert from "node:assert/strict";
import { absoluteImports, fencedBlocks, isFragment, shellWords } from "./doc_blocks.ts";

Deno.test("shell words keep quoted groups together, as the docs' --set arguments need", () => {
  assert.deepEqual(shellWords(`--set 'fold.testYear=[2018]' --set a.b="x y" c`), [
    "--set",
    "fold.testYear=[2018]",
    "--set",
    "a.b=x y",
    "c",
  ]);
  assert.deepEqual(shellWords(""), []);
});

Deno.test("fenced blocks carry their file, line, language and info words", () => {
  const markdown = [
    "# t",
    "```ts --set 'x=[1]'",
    "const a = 1;",
    "```",
    "text",
    "~~~ts ignore",
    "p.fit();",
    "~~~",
    "```",
    "plain",
    "```",
  ].join("\n");
  const blocks = fencedBlocks(markdown, "doc.md");
  assert.deepEqual(blocks.map((b) => [b.line, b.lang, b.words, b.code]), [
    [2, "ts", ["--set", "x=[1]"], "const a = 1;\n"],
    [6, "ts", ["ignore"], "p.fit();\n"],
    [9, "", [], "plain\n"],
  ]);
  assert.deepEqual(blocks.map(isFragment), [false, true, false]);
  assert.throws(() => fencedBlocks("a\n```ts\nx\n", "open.md"), /open\.md:2: .* never closed/);
});

Deno.test("relative imports resolve against the Markdown file's folder", () => {
  const base = new URL("file:///repo/docs/architecture.md");
  const code = [
    `import { pipeline } from "../engine/mod.ts";`,
    `import type { T } from './types.ts';`,
    `import "../models/tf/wasm.ts";`,
    `const m = await import("../tasks/train.ts");`,
    `import { z } from "zod";`,
  ].join("\n");
  assert.equal(
    absoluteImports(code, base),
    [
      `import { pipeline } from "file:///repo/engine/mod.ts";`,
      `import type { T } from 'file:///repo/docs/types.ts';`,
      `import "file:///repo/models/tf/wasm.ts";`,
      `const m = await import("file:///repo/tasks/train.ts");`,
      `import { z } from "zod";`,
    ].join("\n"),
  );
});
