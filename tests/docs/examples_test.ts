/**
 * Every TypeScript example in the project's Markdown runs (run_example.ts; doc_blocks.ts says
 * how a block marks what it is), and the runner itself fails on an example that fails.
 */
import assert from "node:assert/strict";
import { join } from "node:path";
import { fromFileUrl } from "../../engine/store/paths.ts";
import { docBlocks, fencedBlocks, isFragment, PLAIN, SHELLS, TYPESCRIPT } from "./doc_blocks.ts";
import { runExample } from "./run_example.ts";

const REPO = fromFileUrl(new URL("../../", import.meta.url).href);
const ENGINE = new URL("../../engine/mod.ts", import.meta.url).href;
const examples = docBlocks(REPO).filter((block) =>
  TYPESCRIPT.includes(block.lang) && !isFragment(block)
);

Deno.test("the docs hold TypeScript examples to run", () => {
  assert.ok(examples.length > 0, "no runnable ```ts block found in any Markdown file");
  assert.ok(examples.some((block) => block.file === "docs/architecture.md"));
});

Deno.test("every code block of the docs is TypeScript, shell or plain text, so none goes untested", () => {
  const known = [...TYPESCRIPT, ...SHELLS, ...PLAIN];
  const unknown = docBlocks(REPO).filter((block) => !known.includes(block.lang));
  assert.deepEqual(
    unknown.map((block) => `${block.file}:${block.line} (${block.lang})`),
    [],
    "write these as ```ts (run), ```ts ignore (an excerpt), ```sh (checked commands) or plain text",
  );
});

for (const block of examples) {
  Deno.test(`docs example ${block.file}:${block.line} type-checks and runs`, () =>
    runExample(block));
}

/** Runs the first block of a Markdown text written to a temp folder. */
async function runMarkdown(markdown: string): Promise<void> {
  const root = await Deno.makeTempDir({ prefix: "finfusion-doc-runner-" });
  try {
    Deno.writeTextFileSync(join(root, "doc.md"), markdown);
    await runExample(fencedBlocks(markdown, "doc.md")[0], root);
  } finally {
    await Deno.remove(root, { recursive: true });
  }
}

Deno.test("the docs runner runs a plain module and reports one that throws or does not type-check", async () => {
  await runMarkdown(`\`\`\`ts\nimport { sweep } from "${ENGINE}";\nsweep([1]);\n\`\`\`\n`);
  await assert.rejects(
    runMarkdown('```ts\nthrow new Error("example broke");\n```\n'),
    /doc\.md:1: the example failed:[^]*example broke/,
  );
  await assert.rejects(
    runMarkdown('```ts\nconst n: number = "text";\nconsole.log(n);\n```\n'),
    /doc\.md: an example does not type-check:[^]*TS2322/,
  );
  // A ```ts ignore block is left out of the type check too.
  await runMarkdown("```ts\nconsole.log(1);\n```\n\n```ts ignore\np.fit(undeclared);\n```\n");
});

Deno.test("the docs runner reports a DAG example whose run fails", async () => {
  const dag = `\`\`\`ts --set 'fold.testYear=[2016]'
import { pipeline } from "${ENGINE}";
export default pipeline({ name: "doc-broken", seed: 1 }, (p) => {
  p.split("fold", "nosuchtask" as never, {}, {});
});
\`\`\`
`;
  await assert.rejects(runMarkdown(dag), /doc\.md:1: the DAG example failed to run:/);
});
