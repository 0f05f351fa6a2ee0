/** `pipeline <name>`: runs the stale nodes of a pipeline (or plans them with --dry-run). */
import { Option } from "@commander-js/extra-typings";
import type { EventSink } from "../run/events.ts";
import { interruptOnSignals } from "../run/interrupt.ts";
import { LockWaitInterrupted } from "../store/lock.ts";
import { runPipeline } from "../run/run.ts";
import { formatStatus, pipelineStatus } from "../run/status.ts";
import { formatDuration } from "./format.ts";
import { headlineTable, stageSummary } from "./run_summary.ts";
import {
  type CliHost,
  lockTimeoutMsFrom,
  lockTimeoutOption,
  outOption,
  planningCommand,
  planOptionsFrom,
  positiveInt,
  projectFrom,
  rootOption,
  seconds,
  stateOption,
  storeOption,
  verboseOption,
} from "./options.ts";
import { LogSink } from "./progress_log.ts";
import { TtySink } from "./progress_tty.ts";

export function pipelineCommand(exit: (code: number) => void, host: CliHost) {
  return planningCommand(
    "pipeline",
    "run a pipeline: only stale nodes compute, independent nodes in parallel",
    host,
  )
    .addOption(
      new Option("-j, --jobs <n>", "nodes to run at once (default: number of CPUs)")
        .argParser(positiveInt),
    )
    .option("--dry-run", "print each node as FRESH, STALE or MISSING with the cause; run nothing")
    .addOption(lockTimeoutOption())
    .addOption(
      new Option("--node-timeout <seconds>", "fail a node still running after this long")
        .argParser(seconds),
    )
    .option("--plain", "plain log lines even on a terminal")
    .addOption(verboseOption("of every failed node and of any other error"))
    .addOption(rootOption())
    .addOption(stateOption())
    .addOption(storeOption())
    .addOption(
      new Option(
        "--queue <url>",
        "run stale nodes on workers taking jobs from this Redis (redis://host:port[/db]; " +
          "needs --store, the same as the workers')",
      ).env("FINFUSION_QUEUE"),
    )
    .addOption(
      new Option("--attempts <n>", "tries per queued node before it fails (exponential backoff)")
        .argParser(positiveInt).default(3),
    )
    .addOption(outOption())
    .action(async (name, options) => {
      const project = projectFrom(options);
      const common = planOptionsFrom(name, options, project, host);
      if (options.dryRun) {
        console.log(formatStatus(await pipelineStatus(project, common)));
        return;
      }
      const display = { verbose: options.verbose === true };
      const sink: EventSink = Deno.stderr.isTerminal() && !options.plain
        ? new TtySink(Deno.stderr, display)
        : new LogSink(undefined, display);
      const interrupts = interruptOnSignals((name) =>
        sink.emit({
          type: "info",
          message: name === "SIGINT"
            ? "interrupting (press Ctrl-C again to quit at once)…"
            : `${name}: interrupting (send it again to quit at once)…`,
        })
      );
      try {
        const summary = await runPipeline(project, {
          ...common,
          jobs: options.jobs,
          lockTimeoutMs: lockTimeoutMsFrom(options),
          nodeTimeoutMs: options.nodeTimeout ? options.nodeTimeout * 1000 : null,
          sink,
          signal: interrupts.signal,
          argv: ["pipeline", ...Deno.args.slice(1)],
          queue: options.queue ?? null,
          attempts: options.attempts,
        });
        sink.close();
        const { entry } = summary;
        console.log(
          `${entry.pipeline}: ${entry.status.toUpperCase()} in ${formatDuration(entry.ms)}: ` +
            `${entry.nodes.length} nodes, ${entry.hits} cached, ${entry.misses} computed ` +
            `(run ${entry.runId})`,
        );
        if (summary.repeats) {
          console.log(
            `nothing changed since run ${summary.repeats}: this re-run is not added to the ledger`,
          );
        }
        for (const node of entry.nodes.filter((n) => n.outcome === "failed")) {
          console.log(`node ${node.id} failed: ${node.error}`);
        }
        const skipped = entry.nodes.filter((n) => n.outcome === "skipped").length;
        if (skipped) console.log(`${skipped} downstream nodes were skipped`);
        if (entry.misses > 0) console.log(stageSummary(entry));
        for (const report of summary.reports) {
          const headline = headlineTable(report.folder);
          if (headline) console.log(`\n${headline}`);
          console.log(`report: ${report.folder}`);
        }
        exit(
          entry.status === "ok" ? 0 : entry.status === "interrupted" ? interrupts.exitCode() : 1,
        );
      } catch (error) {
        if (!(error instanceof LockWaitInterrupted)) throw error;
        sink.close();
        console.error(`error: ${error.message}`);
        exit(interrupts.exitCode());
      } finally {
        sink.close();
        interrupts.dispose();
      }
    });
}
