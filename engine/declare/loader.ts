/**
 * Loads a DAG file into a validated, expanded {@link PipelineGraph}: imports the module,
 * records its declarations, validates them (zod), applies `--set` overrides, expands
 * sweeps and checks each expansion's parameters against its task's schema. Any problem
 * raises one {@link PipelineDeclarationError} naming the file, the nodes and the fields.
 */
import { relative, resolve } from "node:path";
import { toFileUrl } from "../store/paths.ts";
import { isPipelineDefinition, type NodeDeclaration } from "./declare.ts";
import { PipelineDeclarationError, UserError } from "./errors.ts";
import { buildNodes } from "./build_nodes.ts";
import type { PipelineGraph } from "./graph.ts";
import { parseOverride } from "./overrides.ts";

export interface LoadOptions {
  /** Project root holding `pipelines/`. */
  root: string;
  /** Pipeline name (`pipelines/<name>.ts`) or a path to a DAG file. */
  pipeline: string;
  /** `--set` assignments. */
  overrides?: string[];
  /** Overrides the pipeline's seed (`--seed`). */
  seed?: number;
}

/** Names of the DAG files in `<root>/pipelines/`. */
export function listPipelines(root: string): string[] {
  try {
    return [...Deno.readDirSync(resolve(root, "pipelines"))]
      .filter((entry) => entry.isFile && entry.name.endsWith(".ts"))
      .map((entry) => entry.name.slice(0, -3)).sort();
  } catch {
    return [];
  }
}

export function pipelineFile(root: string, pipeline: string): string {
  if (pipeline.endsWith(".ts")) return resolve(root, pipeline);
  const file = resolve(root, "pipelines", `${pipeline}.ts`);
  try {
    if (Deno.statSync(file).isFile) return file;
  } catch {
    // Reported below with the list of pipelines.
  }
  const available = listPipelines(root);
  throw new UserError(
    `unknown pipeline "${pipeline}": no file pipelines/${pipeline}.ts under ${root}. ` +
      (available.length ? `Available: ${available.join(", ")}.` : "There are no pipelines yet."),
  );
}

export async function loadPipeline(options: LoadOptions): Promise<PipelineGraph> {
  const path = pipelineFile(options.root, options.pipeline);
  const file = relative(options.root, path);
  let module: { default?: unknown };
  try {
    module = await import(toFileUrl(path));
  } catch (error) {
    throw new PipelineDeclarationError(file, [{
      node: null,
      field: null,
      message: `cannot load the DAG file or a module it imports: ${
        error instanceof Error ? error.message : error
      }`,
    }]);
  }
  const expectedName = options.pipeline.endsWith(".ts")
    ? null
    : path.split("/").pop()!.replace(/\.ts$/, "");
  return await graphFromDefinition(module.default, {
    file,
    expectedName,
    overrides: options.overrides,
    seed: options.seed,
  });
}

export interface DefinitionOptions {
  /** The DAG file, as errors should name it. */
  file: string;
  /** The name the pipeline must declare (its file name), or null to accept any. */
  expectedName?: string | null;
  overrides?: string[];
  seed?: number;
}

/** Validates and expands a pipeline definition (the default export of a DAG file). */
export async function graphFromDefinition(
  definition: unknown,
  options: DefinitionOptions,
): Promise<PipelineGraph> {
  const { file } = options;
  if (!isPipelineDefinition(definition)) {
    throw new PipelineDeclarationError(file, [{
      node: null,
      field: null,
      message: "the default export must be pipeline({ name, seed }, (p) => { ... })",
    }]);
  }
  if (options.expectedName && definition.meta.name !== options.expectedName) {
    throw new PipelineDeclarationError(file, [{
      node: null,
      field: "name",
      message: `pipeline name "${definition.meta.name}" differs from its file name ` +
        `"${options.expectedName}"; make them equal`,
    }]);
  }
  let declarations: NodeDeclaration[];
  try {
    declarations = definition.declare();
  } catch (error) {
    throw new PipelineDeclarationError(file, [{
      node: null,
      field: null,
      message: `declaring the pipeline threw: ${error instanceof Error ? error.message : error}`,
    }]);
  }
  const overrides = (options.overrides ?? []).map(parseOverride);
  const nodes = await buildNodes(file, declarations, overrides);
  const groups = new Map<string, string[]>();
  for (const node of nodes) groups.set(node.group, [...groups.get(node.group) ?? [], node.id]);
  return {
    name: definition.meta.name,
    file,
    seed: options.seed ?? definition.meta.seed ?? 0,
    nodes,
    byId: new Map(nodes.map((node) => [node.id, node])),
    groups,
    overrides: overrides.map((override) => override.text),
  };
}
