/**
 * Finding the pipelines of a project: every `.ts` file under `pipelines/`, at any depth,
 * whose default export is `pipeline(...)` is the pipeline named by its path
 * (`pipelines/fusion/pretrain.ts` → `fusion/pretrain`). Other files there are fragments
 * that pipelines import (e.g. `pipelines/studies/market_data.ts`) and are not listed.
 * Deciding needs the import, so a file that fails to load is reported as a problem.
 */
import { join, relative } from "node:path";
import { isPipelineDefinition, type PipelineDefinition } from "./declare.ts";
import { nameOfPipelineFile, pipelinesDir } from "./pipeline_names.ts";
import { toFileUrl } from "../store/paths.ts";

export interface PipelineEntry {
  name: string;
  /** The DAG file, relative to the project root. */
  file: string;
  definition: PipelineDefinition;
}

export interface DiscoveryProblem {
  /** The file, relative to the project root. */
  file: string;
  message: string;
}

export interface Discovery {
  /** Sorted by name. */
  pipelines: PipelineEntry[];
  problems: DiscoveryProblem[];
}

export async function discoverPipelines(root: string): Promise<Discovery> {
  const dir = pipelinesDir(root);
  const pipelines: PipelineEntry[] = [];
  const problems: DiscoveryProblem[] = [];
  for (const path of dagCandidates(dir)) {
    const name = nameOfPipelineFile(relative(dir, path));
    if (name === null) continue;
    const file = relative(root, path);
    try {
      const module = await import(toFileUrl(path)) as { default?: unknown };
      if (isPipelineDefinition(module.default)) {
        pipelines.push({ name, file, definition: module.default });
      }
    } catch (error) {
      problems.push({
        file,
        message: `it fails to load: ${error instanceof Error ? error.message : error}`,
      });
    }
  }
  pipelines.sort((a, b) => a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
  return { pipelines, problems };
}

/** `.ts` files under `dir`, recursively; hidden entries and symlinks are not followed. */
function dagCandidates(dir: string): string[] {
  let entries: Deno.DirEntry[];
  try {
    entries = [...Deno.readDirSync(dir)];
  } catch {
    return [];
  }
  return entries.filter((entry) => !entry.name.startsWith(".")).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory) return dagCandidates(path);
    return entry.isFile && entry.name.endsWith(".ts") ? [path] : [];
  });
}
