/** `runs`: lists and filters the run ledger, as a table or JSON lines. */
import { Command, Option } from "@commander-js/extra-typings";
import { type LedgerEntry, readLedger } from "../ledger/ledger.ts";
import {
  matchesRun,
  parseDate,
  parseMetricFilter,
  parseParamFilter,
  type RunFilter,
} from "../ledger/runs_filter.ts";
import { formatDuration, table } from "./format.ts";
import { runsCompareCommand } from "./runs_compare.ts";
import { runsShowCommand } from "./runs_show.ts";
import {
  collect,
  positiveInt,
  projectFrom,
  rootOption,
  stateOption,
  verboseOption,
} from "./options.ts";

export function runsCommand() {
  return new Command("runs")
    .description("list runs from the ledger, newest last; `runs show`, `runs compare`")
    .addCommand(runsShowCommand())
    .addCommand(runsCompareCommand())
    .option("--pipeline <name>", "only runs of this pipeline, or of every pipeline of a study")
    .option("--since <date>", "only runs started at or after this date")
    .option("--until <date>", "only runs started at or before this date")
    .addOption(
      new Option("--param <node.param=value>", "only runs where a node had this parameter value")
        .argParser(collect).default([] as string[]),
    )
    .addOption(
      new Option("--metric <expr>", "only runs with a metric satisfying e.g. 'mae<0.5'")
        .argParser(collect).default([] as string[]),
    )
    .addOption(
      new Option("--status <status>").choices(
        ["ok", "failed", "interrupted", "unfinished"] as const,
      ),
    )
    .addOption(new Option("--limit <n>", "show only the last N matches").argParser(positiveInt))
    .option("--json", "one JSON ledger line per matching run")
    .addOption(verboseOption())
    .addOption(rootOption())
    .addOption(stateOption())
    .action((options) => {
      const project = projectFrom(options);
      const filter: RunFilter = {
        pipeline: options.pipeline,
        since: options.since ? parseDate(options.since, "--since") : undefined,
        until: options.until ? parseDate(options.until, "--until") : undefined,
        status: options.status,
        params: options.param.map(parseParamFilter),
        metrics: options.metric.map(parseMetricFilter),
      };
      const { entries, problems } = readLedger(project.stateDir);
      for (const problem of problems) console.error(`warning: ${problem}`);
      let matches = entries.filter((entry) => matchesRun(entry, filter));
      if (options.limit) matches = matches.slice(-options.limit);
      if (options.json) {
        for (const entry of matches) console.log(JSON.stringify(entry));
        return;
      }
      if (matches.length === 0) {
        console.log(entries.length ? "no runs match" : `no runs recorded in ${project.stateDir}`);
        return;
      }
      console.log(table(
        [
          "run",
          "started",
          "pipeline",
          "status",
          "commit",
          "backend",
          "cached/computed",
          "time",
          "report",
          "metrics",
          "overrides",
        ],
        matches.map((entry) => row(entry, filter.metrics!.map((metric) => metric.name))),
      ));
    });
}

/** A table row; the metrics column shows the filtered metrics, else the first three. */
function row(entry: LedgerEntry, shown: string[]): string[] {
  const named = Object.entries(entry.metrics).filter(([name]) => shown.includes(name));
  const metrics = (shown.length ? named : Object.entries(entry.metrics).slice(0, 3))
    .map(([name, value]) => `${name}=${Number(value.toPrecision(4))}`).join(" ");
  const commit = entry.git.commit
    ? `${entry.git.commit.slice(0, 8)}${entry.git.dirty ? "*" : ""}`
    : "-";
  return [
    entry.runId,
    entry.startedAt.slice(0, 16).replace("T", " "),
    entry.pipeline,
    entry.status,
    commit,
    entry.backend,
    `${entry.hits}/${entry.misses}`,
    formatDuration(entry.ms),
    // The report folder's name, which `report <hash>` takes.
    entry.nodes.filter((node) => node.report && node.key).map((node) => node.key!.slice(0, 12))
      .join(" ") || "-",
    metrics,
    entry.overrides.join(" "),
  ];
}
