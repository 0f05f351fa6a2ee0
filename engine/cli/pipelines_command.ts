/**
 * `pipelines`: every pipeline of the project (files under `pipelines/`, at any depth, whose
 * default export is `pipeline(...)`) with its description, node count and sweep axes. A
 * pipeline that does not load is listed with its error, and the command exits 2.
 */
import { Command } from "@commander-js/extra-typings";
import type { PipelineGraph } from "../declare/graph.ts";
import { discoverPipelines } from "../declare/listing.ts";
import { graphFromDefinition } from "../declare/loader.ts";
import { projectFrom, rootOption } from "./options.ts";

export interface SweepAxis {
  /** The node group that sweeps it, e.g. "fold". */
  group: string;
  axis: string;
  labels: string[];
}

export interface PipelineSummary {
  name: string;
  file: string;
  description: string | null;
  seed: number | null;
  nodes: number | null;
  axes: SweepAxis[];
  /** Why the pipeline does not load; null when it does. */
  error: string | null;
}

/** Axes in graph order, each credited to the first group whose expansions carry it. */
export function sweepAxes(graph: PipelineGraph): SweepAxis[] {
  const axes = new Map<string, SweepAxis>();
  for (const node of graph.nodes) {
    for (const [axis, label] of Object.entries(node.coords)) {
      const entry = axes.get(axis) ?? { group: node.group, axis, labels: [] };
      axes.set(axis, entry);
      if (entry.group === node.group && !entry.labels.includes(label)) entry.labels.push(label);
    }
  }
  return [...axes.values()];
}

/** `name` is `study` itself or a pipeline under it (`fusion` → `fusion/pretrain`). */
export function inStudy(name: string, study: string | undefined): boolean {
  return study === undefined || name === study || name.startsWith(`${study.replace(/\/$/, "")}/`);
}

/** Summaries of the project's pipelines (of one study, if named), sorted by name. */
export async function summarizePipelines(
  root: string,
  study?: string,
): Promise<PipelineSummary[]> {
  const { pipelines, problems } = await discoverPipelines(root);
  const summaries: PipelineSummary[] = [];
  for (const entry of pipelines.filter((candidate) => inStudy(candidate.name, study))) {
    const meta = entry.definition.meta;
    try {
      const graph = await graphFromDefinition(entry.definition, {
        file: entry.file,
        expectedName: entry.name,
      });
      summaries.push({
        name: entry.name,
        file: entry.file,
        description: graph.description,
        seed: graph.seed,
        nodes: graph.nodes.length,
        axes: sweepAxes(graph),
        error: null,
      });
    } catch (error) {
      summaries.push({
        name: entry.name,
        file: entry.file,
        description: typeof meta?.description === "string" ? meta.description : null,
        seed: null,
        nodes: null,
        axes: [],
        error: error instanceof Error ? error.message : String(error),
      });
    }
  }
  for (const problem of problems) {
    const name = problem.file.replace(/^pipelines\//, "").replace(/\.ts$/, "");
    if (!inStudy(name, study)) continue;
    const { file, message } = problem;
    summaries.push({
      name,
      file,
      description: null,
      seed: null,
      nodes: null,
      axes: [],
      error: message,
    });
  }
  return summaries.sort((a, b) => a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
}

const LISTED_LABELS = 6;

export function formatSummaries(summaries: PipelineSummary[]): string {
  if (summaries.length === 0) return "no pipelines: add pipelines/<name>.ts (see engine/README.md)";
  return summaries.map((summary) => {
    const lines = [`${summary.name}  (${summary.file})`];
    if (summary.description) lines.push(`  ${summary.description}`);
    if (summary.error !== null) {
      lines.push(`  does not load: ${summary.error.split("\n").join("\n  ")}`);
      return lines.join("\n");
    }
    lines.push(`  ${summary.nodes} nodes, seed ${summary.seed}`);
    for (const { group, axis, labels } of summary.axes) {
      const shown = labels.length > LISTED_LABELS
        ? [...labels.slice(0, LISTED_LABELS - 1), "…", labels[labels.length - 1]]
        : labels;
      lines.push(`  sweep ${group}.${axis}: ${shown.join(", ")} (${labels.length})`);
    }
    return lines.join("\n");
  }).join("\n\n");
}

export function pipelinesCommand(exit: (code: number) => void) {
  return new Command("pipelines")
    .description("list every pipeline with its description and sweep axes")
    .argument("[study]", "only the pipelines under pipelines/<study>/ (or the one so named)")
    .option("--json", "print a JSON array of { name, file, description, seed, nodes, axes }")
    .addOption(rootOption())
    .action(async (study, options) => {
      const summaries = await summarizePipelines(projectFrom(options).root, study);
      if (!options.json && summaries.length === 0 && study !== undefined) {
        console.log(`no pipelines in study "${study}"; \`deno task pipelines\` lists them all`);
        return;
      }
      console.log(
        options.json ? JSON.stringify(summaries, null, 2) : formatSummaries(summaries),
      );
      if (summaries.some((summary) => summary.error !== null)) exit(2);
    });
}
