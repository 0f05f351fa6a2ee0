/**
 * `export <pipeline> <node>`: writes a node's stored output as CSV or JSON (formats in
 * `engine/export/export.ts`), to stdout or `--output FILE` (written atomically). The node
 * must be FRESH for the pipeline as planned now (same `--set`, `--seed`, backend, data).
 */
import { Command, Option } from "@commander-js/extra-typings";
import { UserError } from "../declare/errors.ts";
import { describeCauses } from "../keys/causes.ts";
import { planPrepared } from "../run/status.ts";
import { preparePipeline } from "../run/prepare.ts";
import { decodeArtifact } from "../store/codec.ts";
import { writeFileAtomic } from "../store/atomic.ts";
import { type ExportFormat, toCsv, toJson } from "../export/export.ts";
import {
  backendOption,
  dataDirFrom,
  dataOption,
  offlineOption,
  projectFrom,
  rootOption,
  seedOption,
  setOption,
  stateOption,
  verboseOption,
} from "./options.ts";
import type { CliHost } from "./options.ts";

export function exportCommand(host: CliHost) {
  return new Command("export")
    .description("write a node's stored output as CSV (a table in it) or JSON")
    .argument("<name>", "pipeline name (a file in pipelines/)")
    .argument("<node>", "node id, e.g. features or 'fit[testYear=2024,model=tft]'")
    .addOption(
      new Option("--format <format>", "csv: a table in the output; json: all of it")
        .choices(["csv", "json"] as const).default("json" as ExportFormat),
    )
    .option("--path <path>", "the table to write as CSV, e.g. test or fit.history")
    .option("--output <file>", "write to this file (default: stdout)")
    .addOption(setOption())
    .addOption(seedOption())
    .addOption(backendOption(host))
    .addOption(dataOption())
    .addOption(offlineOption())
    .addOption(verboseOption())
    .addOption(rootOption())
    .addOption(stateOption())
    .action(async (name, nodeId, options) => {
      const project = projectFrom(options);
      const prepared = await preparePipeline(project, {
        pipeline: name,
        overrides: options.set,
        seed: options.seed,
        backend: options.backend,
        dataDir: dataDirFrom(options.data, project),
        offline: options.offline ?? false,
        resolveBackend: host.resolveBackend,
      });
      if (!prepared.graph.byId.has(nodeId)) {
        const expansions = prepared.graph.nodes.filter((node) => node.group === nodeId);
        throw new UserError(
          expansions.length
            ? `${name}: "${nodeId}" is a sweep of ${expansions.length} nodes; export one of ` +
              `them, e.g. '${expansions[0].id}'`
            : `${name} has no node "${nodeId}"; \`deno task status ${name}\` lists them`,
        );
      }
      // Planned as a run would plan it now, the node and what it needs only.
      const { plan } = planPrepared(project, prepared, { only: [nodeId] });
      const entry = plan.byId.get(nodeId)!;
      if (entry.status !== "fresh") {
        throw new UserError(
          `${name}: node ${nodeId} has no stored output for its current key ` +
            `(${entry.status.toUpperCase()}: ${describeCauses(entry.causes)}); run ` +
            `\`deno task pipeline ${name} --only '${nodeId}'\` first`,
        );
      }
      const value = decodeArtifact(project.store.readObject(entry.record!.outputHash));
      const what = `${name}: node ${nodeId}`;
      let text: string;
      if (options.format === "json") text = `${toJson(value)}\n`;
      else {
        const table = toCsv(value, what, options.path);
        if (table.skipped.length) {
          console.error(
            `note: columns left out of ${table.path || "the table"} (their length fits no ` +
              `row count): ${table.skipped.join(", ")}`,
          );
        }
        text = table.csv;
      }
      if (options.output) {
        writeFileAtomic(options.output, text);
        console.error(`wrote ${options.output}`);
      } else {
        await Deno.stdout.write(new TextEncoder().encode(text));
      }
    });
}
