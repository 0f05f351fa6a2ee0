/**
 * Every TypeScript example in the project's Markdown runs (see doc_blocks.ts for how a block
 * says what it is): each is type-checked (`deno check --doc-only` on its Markdown file), then a
 * DAG file runs as a pipeline against the offline mirror, on the slice its info string names,
 * and any other module runs with Deno.
 */
import assert from "node:assert/strict";
import { join } from "node:path";
import { isPipelineDefinition } from "../../engine/mod.ts";
import { fromFileUrl, toFileUrl } from "../../engine/store/paths.ts";
import { sharedDataDir } from "../data/_helpers.ts";
import { absoluteImports, type DocBlock, docBlocks, isFragment, TYPESCRIPT } from "./doc_blocks.ts";

const REPO = fromFileUrl(new URL("../../", import.meta.url).href);
const CONFIG = join(REPO, "deno.json");
const CLI = join(REPO, "engine", "cli", "main.ts");

const examples = docBlocks(REPO).filter((block) =>
  TYPESCRIPT.includes(block.lang) && !isFragment(block)
);

async function deno(args: string[], cwd: string): Promise<{ ok: boolean; output: string }> {
  const result = await new Deno.Command(Deno.execPath(), {
    args,
    cwd,
    env: { NO_COLOR: "1" },
    stdout: "piped",
    stderr: "piped",
  }).output();
  const decode = (bytes: Uint8Array) => new TextDecoder().decode(bytes);
  return { ok: result.success, output: decode(result.stdout) + decode(result.stderr) };
}

const checks = new Map<string, Promise<{ ok: boolean; output: string }>>();

/** Type-checks the runnable examples of one Markdown file, once. */
function checkMarkdown(file: string) {
  if (!checks.has(file)) {
    checks.set(file, deno(["check", "--config", CONFIG, "--doc-only", file], REPO));
  }
  return checks.get(file)!;
}

/** Writes the example as a module in a temp project and returns its path. */
function writeExample(block: DocBlock, root: string): string {
  const base = toFileUrl(join(REPO, block.file));
  const path = join(root, "example.ts");
  Deno.writeTextFileSync(path, absoluteImports(block.code, new URL(base)));
  return path;
}

async function runExample(block: DocBlock): Promise<void> {
  const where = `${block.file}:${block.line}`;
  const root = await Deno.makeTempDir({ prefix: "finfusion-doc-example-" });
  try {
    const check = await checkMarkdown(block.file);
    assert.ok(check.ok, `${block.file}: an example does not type-check:\n${check.output}`);
    const file = writeExample(block, root);
    const module = /^export default pipeline\(/m.test(block.code)
      ? await import(toFileUrl(file))
      : null;
    if (!module) {
      assert.equal(block.words.length, 0, `${where}: arguments are for DAG files only`);
      const run = await deno(["run", "-A", "--config", CONFIG, file], root);
      assert.ok(run.ok, `${where}: the example failed:\n${run.output}`);
      return;
    }
    assert.ok(isPipelineDefinition(module.default), `${where}: default export is no pipeline`);
    const name = module.default.meta.name;
    Deno.mkdirSync(join(root, "pipelines"));
    Deno.renameSync(file, join(root, "pipelines", `${name}.ts`));
    const run = await deno([
      "run",
      "-A",
      "--config",
      CONFIG,
      CLI,
      "pipeline",
      name,
      "--root",
      root,
      "--offline",
      "--data",
      sharedDataDir(),
      "--plain",
      "--jobs",
      "1",
      ...block.words,
    ], root);
    assert.ok(run.ok, `${where}: the DAG example failed to run:\n${run.output}`);
    assert.match(run.output, new RegExp(`^${name}: OK in `, "m"));
  } finally {
    await Deno.remove(root, { recursive: true });
  }
}

Deno.test("the docs hold TypeScript examples to run", () => {
  assert.ok(examples.length > 0, "no runnable ```ts block found in any Markdown file");
  assert.ok(examples.some((block) => block.file === "docs/architecture.md"));
});

for (const block of examples) {
  Deno.test({
    name: `docs example ${block.file}:${block.line} type-checks and runs`,
    sanitizeResources: false,
    sanitizeOps: false,
    fn: () => runExample(block),
  });
}
