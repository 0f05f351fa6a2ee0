/** `runs compare <a> <b>`: two runs (or the runs behind two reports) side by side. */
import { Command } from "@commander-js/extra-typings";
import { readLedger } from "../ledger/ledger.ts";
import { compareRuns, type RunComparison } from "../ledger/run_compare.ts";
import { findRun } from "../ledger/run_lookup.ts";
import { table } from "./format.ts";
import { formatNumber } from "./runs_show.ts";
import { projectFrom, rootOption, stateOption, verboseOption } from "./options.ts";

export function runsCompareCommand() {
  return new Command("compare")
    .description("compare two runs: settings and parameters that changed, metrics side by side")
    .argument("<a>", "run id (or its first characters), a report folder's name, or `last`")
    .argument("<b>", "the run to compare it with, named the same ways")
    .option("--json", "print the comparison as JSON")
    .addOption(verboseOption())
    .addOption(rootOption())
    .addOption(stateOption())
    .action((first, second, _options, command) => {
      // `runs` takes --root, --state and --json too: whichever of the two got them.
      const all = command.optsWithGlobals();
      const project = projectFrom(all);
      const { entries, problems } = readLedger(project.stateDir);
      for (const problem of problems) console.error(`warning: ${problem}`);
      const comparison = compareRuns(
        findRun(entries, first, project.stateDir),
        findRun(entries, second, project.stateDir),
      );
      if (!all.json) {
        console.log(formatComparison(comparison));
        return;
      }
      const { a, b, ...rest } = comparison;
      console.log(JSON.stringify({ a: a.runId, b: b.runId, ...rest }, null, 2));
    });
}

export function formatComparison(comparison: RunComparison): string {
  const { a, b } = comparison;
  const lines = [`A = run ${a.runId} (${a.pipeline})`, `B = run ${b.runId} (${b.pipeline})`, ""];
  lines.push(
    comparison.settings.length
      ? indent(table(["setting", "A", "B"], comparison.settings.map((s) => [s.name, s.a, s.b])))
      : "same pipeline, seed, backend, commit and overrides",
    "",
  );
  if (comparison.params.length === 0) lines.push("parameters: the same for every common node");
  else {
    lines.push("parameters that changed (A → B):");
    for (const { node, changes } of comparison.params) {
      for (const change of changes) lines.push(`  ${node}: ${change}`);
    }
  }
  if (comparison.onlyA.length) lines.push(`only in A: ${listed(comparison.onlyA)}`);
  if (comparison.onlyB.length) lines.push(`only in B: ${listed(comparison.onlyB)}`);
  lines.push(
    "",
    `outputs: ${comparison.changedOutputs.length} differ, ${comparison.sameOutputs} identical` +
      (comparison.changedOutputs.length ? ` (${listed(comparison.changedOutputs)})` : ""),
  );
  if (comparison.metrics.length) {
    lines.push("", "metrics:");
    lines.push(indent(table(
      ["name", "A", "B", "B − A"],
      comparison.metrics.map(({ name, a, b }) => [
        name,
        formatNumber(a),
        formatNumber(b),
        a === null || b === null ? "-" : signed(b - a),
      ]),
    )));
  }
  return lines.join("\n");
}

function listed(ids: string[]): string {
  return ids.length <= 5
    ? ids.join(", ")
    : `${ids.slice(0, 5).join(", ")}, +${ids.length - 5} more`;
}

function signed(delta: number): string {
  if (delta === 0) return "0";
  return `${delta > 0 ? "+" : "−"}${formatNumber(Math.abs(delta))}`;
}

function indent(text: string): string {
  return text.split("\n").map((line) => `  ${line}`).join("\n");
}
