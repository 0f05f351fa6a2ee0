/**
 * The code a node's key covers: its task module plus the implementation modules the task
 * names for the node's parameters (`Task.implementation`), hashed as one closure — the union
 * of the modules' closures. A generic task (one train task for every model kind) is then
 * keyed on the model a node runs, not on every model it could run.
 */
import type { ModuleClosure } from "./modgraph.ts";
import type { AnyTask } from "../task.ts";

/** The task module, then the task's implementation modules for `params` (deduplicated). */
export function nodeModules(task: AnyTask, params: unknown): string[] {
  const declared = task.implementation ? task.implementation(params) : null;
  const urls = declared === null || declared === undefined
    ? []
    : Array.isArray(declared)
    ? declared
    : [declared];
  for (const url of urls) {
    if (typeof url !== "string" || !url.startsWith("file:")) {
      throw new Error(
        `implementation(params) of task "${task.name}" returned ${JSON.stringify(url)}; ` +
          'return absolute file: URLs, e.g. new URL("../model.ts", import.meta.url).href',
      );
    }
  }
  return [...new Set([task.module, ...urls])];
}

/** Union of the closures of `modules`: merged file → hash map and sorted npm packages. */
export function unionClosure(
  closures: ReadonlyMap<string, ModuleClosure>,
  modules: string[],
): ModuleClosure {
  const files: Record<string, string> = {};
  const npm = new Set<string>();
  for (const module of modules) {
    const closure = closures.get(module);
    if (!closure) throw new Error(`no source closure was computed for ${module}`);
    for (const [file, hash] of Object.entries(closure.files)) files[file] = hash;
    for (const name of closure.npm) npm.add(name);
  }
  const sorted = Object.fromEntries(
    Object.keys(files).sort().map((file) => [file, files[file]]),
  );
  return { files: sorted, npm: [...npm].sort() };
}
