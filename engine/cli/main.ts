/**
 * The finfusion CLI: `pipeline <name>`, `status <name>`, `pipelines`, `report <hash>`,
 * `runs`, `cache gc`, `export <name> <node>`, `worker --queue …`. Started by the composition root `cli.ts`, which
 * hands it the compute backends ({@link CliHost}): the engine imports no model code. Errors in
 * what the user typed or declared print as one clear message (exit 2); a failed run exits 1;
 * an interrupted one 130 (SIGINT) or 143 (SIGTERM). Any other error exits 1 and prints as a
 * failed node does: its message alone, or its stack when it is unexpected (a bug, such as a
 * TypeError) or `--verbose` asks for it.
 */
import { Command, CommanderError, type CommandUnknownOpts } from "@commander-js/extra-typings";
import { PipelineDeclarationError, UserError } from "../declare/errors.ts";
import { failureDetail } from "../run/failure.ts";
import { cacheCommand } from "./cache_command.ts";
import { exportCommand } from "./export_command.ts";
import type { CliHost } from "./options.ts";
import { pipelineCommand } from "./pipeline_command.ts";
import { pipelinesCommand } from "./pipelines_command.ts";
import { reportCommand } from "./report_command.ts";
import { runsCommand } from "./runs_command.ts";
import { statusCommand } from "./status_command.ts";
import { workerCommand } from "./worker_command.ts";

export function buildProgram(exit: (code: number) => void, host: CliHost) {
  return new Command("finfusion")
    .description("declarative, content-hash cached research pipelines")
    .exitOverride()
    .showHelpAfterError()
    .addCommand(pipelineCommand(exit, host))
    .addCommand(statusCommand(host))
    .addCommand(pipelinesCommand(exit))
    .addCommand(reportCommand())
    .addCommand(runsCommand())
    .addCommand(cacheCommand(host))
    .addCommand(exportCommand(host))
    .addCommand(workerCommand(exit));
}

/** What the CLI prints for an error that ended a command (not a usage or declaration error). */
export function formatCommandError(error: unknown, verbose: boolean): string {
  const failure = failureDetail(error);
  if ((failure.unexpected || verbose) && failure.stack !== null) return failure.stack;
  return `error: ${failure.message}`;
}

/** Whether the command that ran (or a parent) was given `--verbose`. */
function verboseGiven(command: CommandUnknownOpts): boolean {
  return command.opts().verbose === true || command.commands.some(verboseGiven);
}

export async function main(args: string[], host: CliHost): Promise<number> {
  let code = 0;
  const program = buildProgram((value) => code = value, host);
  const override = (command: CommandUnknownOpts) => {
    command.exitOverride();
    for (const child of command.commands) {
      // A usage error in a sub-command points at its help (the program's own shows it whole).
      child.showHelpAfterError(
        `(${command.parent ? `${command.name()} ` : ""}${child.name()} --help lists its options)`,
      );
      override(child);
    }
  };
  override(program);
  try {
    await program.parseAsync(args, { from: "user" });
    return code;
  } catch (error) {
    if (error instanceof CommanderError) {
      return error.code === "commander.helpDisplayed" || error.code === "commander.version" ||
          error.exitCode === 0
        ? 0
        : 2;
    }
    if (error instanceof UserError || error instanceof PipelineDeclarationError) {
      console.error(`error: ${error.message}`);
      return 2;
    }
    console.error(formatCommandError(error, verboseGiven(program)));
    return 1;
  }
}
