/**
 * Runs one TypeScript example of the docs (see doc_blocks.ts): type-checks its Markdown file
 * (`deno check --doc-only`, which skips ```` ```ts ignore ```` blocks), then runs a DAG file
 * as a pipeline in a temp project against the offline mirror, on the slice its info string
 * names, or any other module with Deno. Throws, with the output, when either fails.
 */
import { join } from "node:path";
import { isPipelineDefinition } from "../../engine/mod.ts";
import { fromFileUrl, toFileUrl } from "../../engine/store/paths.ts";
import { sharedDataDir } from "../data/_helpers.ts";
import { absoluteImports, type DocBlock } from "./doc_blocks.ts";

const REPO = fromFileUrl(new URL("../../", import.meta.url).href);
const CONFIG = join(REPO, "deno.json");
const CLI = join(REPO, "cli.ts");

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

/** Type-checks the runnable examples of one Markdown file, once per file. */
function checkMarkdown(path: string) {
  if (!checks.has(path)) {
    checks.set(path, deno(["check", "--config", CONFIG, "--doc-only", path], REPO));
  }
  return checks.get(path)!;
}

/** True when the example default-exports `pipeline(…)`: a DAG file. */
export function isDagFile(block: DocBlock): boolean {
  return /^export default pipeline\(/m.test(block.code);
}

/** Runs `block` of `<docsRoot>/<block.file>`; throws with the output when it fails. */
export async function runExample(block: DocBlock, docsRoot = REPO): Promise<void> {
  const where = `${block.file}:${block.line}`;
  const markdown = join(docsRoot, block.file);
  const check = await checkMarkdown(markdown);
  if (!check.ok) throw new Error(`${block.file}: an example does not type-check:\n${check.output}`);
  const root = await Deno.makeTempDir({ prefix: "finfusion-doc-example-" });
  try {
    const file = join(root, "example.ts");
    Deno.writeTextFileSync(file, absoluteImports(block.code, new URL(toFileUrl(markdown))));
    if (!isDagFile(block)) {
      if (block.words.length) throw new Error(`${where}: arguments are for DAG files only`);
      const run = await deno(["run", "-A", "--config", CONFIG, file], root);
      if (!run.ok) throw new Error(`${where}: the example failed:\n${run.output}`);
      return;
    }
    const definition = (await import(toFileUrl(file))).default;
    if (!isPipelineDefinition(definition)) {
      throw new Error(`${where}: default export is no pipeline`);
    }
    const name = definition.meta.name;
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
    if (!run.ok || !new RegExp(`^${name}: OK in `, "m").test(run.output)) {
      throw new Error(`${where}: the DAG example failed to run:\n${run.output}`);
    }
  } finally {
    await Deno.remove(root, { recursive: true });
  }
}
