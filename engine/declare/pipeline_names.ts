/**
 * Pipeline names and the files they name. `pipelines/<name>.ts` is pipeline `<name>`, at any
 * depth: `pipelines/fusion/pretrain.ts` is `fusion/pretrain`. A name is checked before
 * anything is imported, so a name can never reach a file outside `pipelines/` (no `..`, no
 * absolute path); a DAG file elsewhere is run only through an explicit path (`--file`).
 * Names are also used in state and output paths (`.finfusion/manifests/<name>.json`,
 * `out/reports/<name>/`), which is why a pipeline's declared name obeys the same pattern.
 */
import { resolve, sep } from "node:path";
import { UserError } from "./errors.ts";

/** One segment: a letter or digit first, then letters, digits, '-' and '_'. */
const SEGMENT = "[A-Za-z0-9][A-Za-z0-9_-]*";
/** `name` or `study/name` (up to four segments). */
export const PIPELINE_NAME_PATTERN = new RegExp(`^${SEGMENT}(/${SEGMENT}){0,3}$`);
export const PIPELINE_NAME_RULE = "one to four '/'-separated segments of letters, digits, " +
  "'-' and '_', each starting with a letter or digit (e.g. weekly-tft or fusion/pretrain)";
const MAX_NAME_LENGTH = 120;
/** Folder names inside `out/reports/<pipeline>/` that a pipeline's last segment must not take. */
const RESERVED_LAST_SEGMENT = /^(latest|[0-9a-f]{12})$/;

/** Why `name` is not a valid pipeline name, or null when it is. */
export function pipelineNameProblem(name: string): string | null {
  if (name.length === 0) return "a pipeline name cannot be empty";
  if (name.length > MAX_NAME_LENGTH) {
    return `a pipeline name has at most ${MAX_NAME_LENGTH} characters`;
  }
  if (!PIPELINE_NAME_PATTERN.test(name)) return `a pipeline name is ${PIPELINE_NAME_RULE}`;
  const last = name.slice(name.lastIndexOf("/") + 1);
  if (RESERVED_LAST_SEGMENT.test(last)) {
    return `"${last}" is reserved (report folders use "latest" and 12-hex key names); rename it`;
  }
  return null;
}

/** Throws a {@link UserError} naming the problem and the way to run a file by path. */
export function checkPipelineName(name: string): void {
  const problem = pipelineNameProblem(name);
  if (problem === null) return;
  const hint = name.endsWith(".ts") || name.includes("..") || name.startsWith("/")
    ? "; to run a DAG file by its path, pass --file <path>"
    : "";
  throw new UserError(`invalid pipeline name ${JSON.stringify(name)}: ${problem}${hint}`);
}

/** The folder holding a project's pipelines. */
export function pipelinesDir(root: string): string {
  return resolve(root, "pipelines");
}

/** `pipelines/<name>.ts` under `root`, for a name already checked. */
export function pipelinePath(root: string, name: string): string {
  checkPipelineName(name);
  const dir = pipelinesDir(root);
  const path = resolve(dir, `${name}.ts`);
  // The pattern already rules this out; kept as a second guard on every path built from a name.
  if (!path.startsWith(dir + sep)) throw new UserError(`pipeline name "${name}" leaves pipelines/`);
  return path;
}

/** The name of `pipelines/<name>.ts` given its path relative to `pipelines/`, or null. */
export function nameOfPipelineFile(relativePath: string): string | null {
  if (!relativePath.endsWith(".ts")) return null;
  const name = relativePath.slice(0, -3).split(sep).join("/");
  return pipelineNameProblem(name) === null ? name : null;
}
