/**
 * Every `deno task …` command in the project's Markdown shell blocks names a task of deno.json,
 * a sub-command and options the CLI has, a pipeline that exists, and `--set`, `--seed`,
 * `--only` and `--force` values that its DAG file accepts (checked by loading it, without
 * running anything).
 */
import assert from "node:assert/strict";
import { join } from "node:path";
import type { CommandUnknownOpts } from "@commander-js/extra-typings";
import { buildProgram } from "../../engine/cli/main.ts";
import { cliHost } from "../../cli.ts";
import { listPipelines, loadPipeline } from "../../engine/declare/loader.ts";
import { resolveSelectors } from "../../engine/declare/graph.ts";
import { fromFileUrl } from "../../engine/store/paths.ts";
import { docBlocks, SHELLS, shellWords } from "./doc_blocks.ts";

const REPO = fromFileUrl(new URL("../../", import.meta.url).href);
const TASKS = JSON.parse(Deno.readTextFileSync(join(REPO, "deno.json"))).tasks as Record<
  string,
  string
>;
/** Tasks that run the CLI sub-command of the same name. */
const CLI_TASKS = [
  "pipeline",
  "status",
  "pipelines",
  "report",
  "runs",
  "cache",
  "export",
  "worker",
];

interface DocCommand {
  where: string;
  task: string;
  args: string[];
}

/** `deno task <name> …` (or `npx -y deno@<version> task …`) lines of the shell blocks. */
function docCommands(): DocCommand[] {
  return docBlocks(REPO).filter((block) => SHELLS.includes(block.lang)).flatMap((block) =>
    block.code.split("\n").flatMap((line, index) => {
      const words = shellWords(line.replace(/(^|\s)#.*$/, ""));
      const at = words.indexOf("task");
      if (at < 1 || !/^(deno|deno@[\w.-]+)$/.test(words[at - 1].split("/").pop()!)) return [];
      return [{
        where: `${block.file}:${block.line + 1 + index}`,
        task: words[at + 1],
        args: words.slice(at + 2),
      }];
    })
  );
}

/** Values of a repeatable option (`--set a --set b`). */
function values(args: string[], flag: string): string[] {
  return args.flatMap((word, i) => word === flag && i + 1 < args.length ? [args[i + 1]] : []);
}

function subCommand(args: string[], task: string): { command: CommandUnknownOpts; rest: string[] } {
  let command = buildProgram(() => {}, cliHost).commands.find((c) => c.name() === task)!;
  let rest = args;
  while (rest.length && command.commands.some((c) => c.name() === rest[0])) {
    command = command.commands.find((c) => c.name() === rest[0])!;
    rest = rest.slice(1);
  }
  return { command, rest };
}

async function checkCommand({ where, task, args }: DocCommand): Promise<void> {
  assert.ok(task in TASKS, `${where}: deno.json has no task "${task}"`);
  if (!CLI_TASKS.includes(task)) return;
  const { command, rest } = subCommand(args, task);
  assert.ok(command, `${where}: the CLI has no sub-command "${task}"`);
  const options = new Set(command.options.flatMap((option) => [option.long, option.short]));
  for (const word of rest.filter((word) => word.startsWith("-"))) {
    assert.ok(options.has(word), `${where}: \`${command.name()}\` has no option ${word}`);
  }
  if (task !== "pipeline" && task !== "status") return;
  // A DAG file named by path (`--file`) lives outside the project: its options are checked above.
  if (rest.includes("--file")) return;
  const name = rest[0];
  assert.ok((await listPipelines(REPO)).includes(name), `${where}: no pipeline "${name}"`);
  const seed = values(rest, "--seed")[0];
  const graph = await loadPipeline({
    root: REPO,
    pipeline: name,
    overrides: values(rest, "--set"),
    seed: seed === undefined ? undefined : Number(seed),
  });
  for (const flag of ["--only", "--force"]) resolveSelectors(graph, values(rest, flag), flag);
}

const commands = docCommands();

Deno.test("the docs show deno task commands, the README's two among them", () => {
  assert.ok(commands.some((c) => c.where.startsWith("README.md") && c.task === "test"));
  assert.ok(commands.some((c) => c.where.startsWith("README.md") && c.task === "pipeline"));
});

for (const command of commands) {
  Deno.test(`docs command ${command.where}: deno task ${command.task} ${command.args.join(" ")}`, () =>
    checkCommand(command));
}
