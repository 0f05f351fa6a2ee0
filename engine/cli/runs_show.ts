/** `runs show <run>`: one run's settings, overrides, resolved configuration and metrics. */
import { Command } from "@commander-js/extra-typings";
import { type LedgerEntry, readLedger } from "../ledger/ledger.ts";
import { runConfig } from "../ledger/run_config.ts";
import { runTime, type Share } from "../ledger/run_time.ts";
import { findRun } from "../ledger/run_lookup.ts";
import { formatDuration, table } from "./format.ts";
import { projectFrom, rootOption, stateOption, verboseOption } from "./options.ts";

export function runsShowCommand() {
  return new Command("show")
    .description(
      "show a run: settings, overrides, where its time went, resolved configuration and metrics",
    )
    .argument("<run>", "run id (or its first characters), a report folder's name, or `last`")
    .option("--json", "print the run's ledger line")
    .addOption(verboseOption())
    .addOption(rootOption())
    .addOption(stateOption())
    .action((token, _options, command) => {
      // `runs` takes --root, --state and --json too: whichever of the two got them.
      const all = command.optsWithGlobals();
      const project = projectFrom(all);
      const { entries, problems } = readLedger(project.stateDir);
      for (const problem of problems) console.error(`warning: ${problem}`);
      const entry = findRun(entries, token, project.stateDir);
      console.log(all.json ? JSON.stringify(entry, null, 2) : formatRun(entry));
    });
}

export function formatRun(entry: LedgerEntry): string {
  const count = (outcome: string) => entry.nodes.filter((n) => n.outcome === outcome).length;
  const commit = entry.git.commit
    ? `${entry.git.commit.slice(0, 12)}${entry.git.dirty ? " (with uncommitted changes)" : ""}`
    : "not a git checkout";
  const lines = [
    `run ${entry.runId}: ${entry.pipeline} (${entry.file}), ${entry.status} in ` +
    formatDuration(entry.ms),
    `  started    ${entry.startedAt.replace("T", " ").replace(/\.\d+Z$/, " UTC")}`,
    `  command    deno task ${entry.argv.join(" ")}`,
    `  commit     ${commit}; deno ${entry.deno}, tfjs ${entry.tfjs ?? "-"}`,
    `  settings   backend ${entry.backend}, seed ${entry.seed}, jobs ${entry.jobs}`,
    `  overrides  ${entry.overrides.length ? entry.overrides.join("\n             ") : "none"}`,
    `  nodes      ${entry.nodes.length}: ${count("hit")} cached, ${count("miss")} computed` +
    (count("failed") ? `, ${count("failed")} failed` : "") +
    (count("skipped") ? `, ${count("skipped")} skipped` : "") +
    (count("interrupted") ? `, ${count("interrupted")} interrupted` : ""),
    ...entry.nodes.filter((node) => node.report).map((node) =>
      `  report     ${node.report} (re-render: deno task report ${node.key!.slice(0, 12)})`
    ),
    ...entry.nodes.filter((node) => node.error).map((node) =>
      `  failed     ${node.id}: ${node.error}`
    ),
    ...timeLines(entry),
    "",
    "configuration (every node's parameters after defaults, sweeps and --set):",
  ];
  for (const group of runConfig(entry.nodes)) {
    lines.push(`  ${group.group}`);
    for (const line of group.common) lines.push(`    ${line}`);
    for (const expansion of group.expansions) {
      const more = expansion.ids.length > 1
        ? ` and ${expansion.ids.length - 1} more with the same parameters`
        : "";
      const inline = expansion.own.join("  ");
      if (inline.length <= 60) lines.push(`    ${expansion.ids[0]}${more}: ${inline}`);
      else {
        lines.push(`    ${expansion.ids[0]}${more}:`);
        for (const line of expansion.own) lines.push(`      ${line}`);
      }
    }
  }
  const metrics = Object.entries(entry.metrics);
  if (metrics.length) {
    lines.push("", "metrics:");
    lines.push(
      table(["name", "value"], metrics.map(([name, value]) => [name, formatNumber(value)]))
        .split("\n").map((line) => `  ${line}`).join("\n"),
    );
  }
  return lines.join("\n");
}

/** Groups shown by name; the rest are summed on one line. */
const TIME_GROUPS = 8;
/** Values shown per coordinate axis; the rest are summed. */
const AXIS_VALUES = 5;

/** Where the time of the nodes the run ran went: per node group, then per coordinate value. */
function timeLines(entry: LedgerEntry): string[] {
  const time = runTime(entry.nodes);
  if (time.ran === 0) return [];
  const share = (ms: number) => `${Math.round((100 * ms) / Math.max(time.ranMs, 1))}%`;
  const shown = time.groups.slice(0, TIME_GROUPS);
  const rows = shown.map((group) => [
    group.group,
    String(group.nodes),
    formatDuration(group.ms),
    share(group.ms),
    group.nodes > 1 ? `${group.longest.id} ${formatDuration(group.longest.ms)}` : "",
  ]);
  const rest = time.groups.slice(TIME_GROUPS);
  if (rest.length) {
    const ms = rest.reduce((total, group) => total + group.ms, 0);
    const nodes = rest.reduce((total, group) => total + group.nodes, 0);
    const groups = `${rest.length} more ${rest.length === 1 ? "group" : "groups"}`;
    rows.push([groups, String(nodes), formatDuration(ms), share(ms), ""]);
  }
  const [header, ...body] = table(["group", "nodes", "time", "share", "slowest node"], rows)
    .split("\n");
  return [
    "",
    `time: ${time.ran} ${time.ran === 1 ? "node" : "nodes"} ran, taking ` +
    `${formatDuration(time.ranMs)} together in ${formatDuration(entry.ms)} of wall time ` +
    `(at least ${(time.ranMs / Math.max(entry.ms, 1)).toFixed(2)} at once on average, --jobs ` +
    `${entry.jobs}); a node's time includes its Worker's start`,
    `  ${header}`,
    ...body.flatMap((line, index) => [
      `  ${line}`,
      ...(shown[index]?.axes ?? []).map((axis) =>
        `      by ${axis.axis}: ${axisText(axis.values)}`
      ),
    ]),
  ];
}

function axisText(values: Share[]): string {
  const shown = values.slice(0, AXIS_VALUES).map((v) => `${v.value} ${formatDuration(v.ms)}`);
  const rest = values.slice(AXIS_VALUES);
  if (rest.length) {
    const ms = rest.reduce((total, v) => total + v.ms, 0);
    shown.push(`${rest.length} ${rest.length === 1 ? "other" : "others"} ${formatDuration(ms)}`);
  }
  return shown.join(", ");
}

export function formatNumber(value: number | null): string {
  if (value === null) return "-";
  return Number.isInteger(value) ? String(value) : String(Number(value.toPrecision(4)));
}
