/**
 * Loads a DAG file into a validated, expanded {@link PipelineGraph}: checks the pipeline name
 * (before any import), imports the module, validates its `pipeline(meta, …)` (zod), records
 * its declarations, validates them, applies `--set` overrides, expands sweeps and checks each
 * expansion's parameters against its task's schema. Any problem raises one
 * {@link PipelineDeclarationError} naming the file, the nodes and the fields.
 */
import { relative, resolve, sep } from "node:path";
import { toFileUrl } from "../store/paths.ts";
import { isPipelineDefinition, type NodeDeclaration, pipelineMetaSchema } from "./declare.ts";
import { PipelineDeclarationError, UserError } from "./errors.ts";
import { buildNodes } from "./build_nodes.ts";
import type { PipelineGraph } from "./graph.ts";
import { discoverPipelines } from "./listing.ts";
import { parseOverride } from "./overrides.ts";
import { pipelinePath, pipelinesDir } from "./pipeline_names.ts";

/** A pipeline by name (`pipelines/<name>.ts`), or a DAG file by explicit path (`--file`). */
export type PipelineRef = string | { file: string };

export interface LoadOptions {
  /** Project root holding `pipelines/`. */
  root: string;
  /** Pipeline name, e.g. `weekly-tft` or `fusion/pretrain`, or `{ file }` (relative to root). */
  pipeline: PipelineRef;
  /** `--set` assignments. */
  overrides?: string[];
  /** Overrides the pipeline's seed (`--seed`). */
  seed?: number;
}

/** Names of the pipelines under `<root>/pipelines/` (throws if a file there cannot load). */
export async function listPipelines(root: string): Promise<string[]> {
  const { pipelines, problems } = await discoverPipelines(root);
  if (problems.length) {
    throw new UserError(
      `cannot tell whether ${problems[0].file} is a pipeline: ${problems[0].message}; ` +
        "fix it or move it out of pipelines/",
    );
  }
  return pipelines.map((entry) => entry.name);
}

/**
 * The DAG file a reference names. A name is validated before the file system is touched;
 * the file must be a regular file inside `pipelines/` (a symlink out of it is refused).
 */
export async function pipelineFile(root: string, pipeline: PipelineRef): Promise<string> {
  if (typeof pipeline !== "string") return resolve(root, pipeline.file);
  const file = pipelinePath(root, pipeline);
  let real: string | null = null;
  try {
    if (Deno.statSync(file).isFile) real = Deno.realPathSync(file);
  } catch {
    // Reported below with the list of pipelines.
  }
  if (real !== null) {
    if (real.startsWith(Deno.realPathSync(pipelinesDir(root)) + sep)) return file;
    throw new UserError(
      `pipelines/${pipeline}.ts links outside pipelines/; run it with --file if you trust it`,
    );
  }
  const available = (await discoverPipelines(root)).pipelines.map((entry) => entry.name);
  throw new UserError(
    `unknown pipeline "${pipeline}": no file pipelines/${pipeline}.ts under ${root}. ` +
      (available.length ? `Available: ${available.join(", ")}.` : "There are no pipelines yet."),
  );
}

export async function loadPipeline(options: LoadOptions): Promise<PipelineGraph> {
  const path = await pipelineFile(options.root, options.pipeline);
  const file = relative(options.root, path);
  const definition = await importDefinition(path, file);
  return await graphFromDefinition(definition, {
    file,
    expectedName: typeof options.pipeline === "string" ? options.pipeline : null,
    overrides: options.overrides,
    seed: options.seed,
  });
}

/** The default export of a DAG file; a file that fails to import is a declaration error. */
export async function importDefinition(path: string, file: string): Promise<unknown> {
  try {
    return (await import(toFileUrl(path)) as { default?: unknown }).default;
  } catch (error) {
    throw new PipelineDeclarationError(file, [{
      node: null,
      field: null,
      message: `cannot load the DAG file or a module it imports: ${
        error instanceof Error ? error.message : error
      }`,
    }]);
  }
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
  const meta = pipelineMetaSchema.safeParse(definition.meta);
  if (!meta.success) {
    throw new PipelineDeclarationError(
      file,
      meta.error.issues.map((issue) => ({
        node: null,
        field: issue.path.join(".") || null,
        message: issue.message,
      })),
    );
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
  if (declarations.length === 0) {
    throw new PipelineDeclarationError(file, [{
      node: null,
      field: null,
      message: "the pipeline declares no nodes; declare at least one, e.g. " +
        "p.fetch(id, task, params) or p.node(id, { kind, task, params, inputs })",
    }]);
  }
  const overrides = (options.overrides ?? []).map(parseOverride);
  const nodes = await buildNodes(file, declarations, overrides);
  const groups = new Map<string, string[]>();
  for (const node of nodes) groups.set(node.group, [...groups.get(node.group) ?? [], node.id]);
  return {
    name: meta.data.name,
    description: meta.data.description ?? null,
    file,
    seed: options.seed ?? meta.data.seed ?? 0,
    nodes,
    byId: new Map(nodes.map((node) => [node.id, node])),
    groups,
    overrides: overrides.map((override) => override.text),
  };
}
