/**
 * The finfusion command line: the composition root that joins the engine (which knows no
 * model) to the models' compute backends. `deno task pipeline|status|pipelines|report|runs|
 * cache` run this file; see `engine/README.md`.
 */
import { main } from "./engine/cli/main.ts";
import type { CliHost } from "./engine/cli/options.ts";
import type { BackendChoice } from "./models/tf/backend.ts";

/** `auto` first (the default). Listed, not imported: importing backend.ts loads tfjs. */
const BACKENDS = [
  "auto",
  "wasm",
  "wasm-fma",
  "webgpu",
  "cpu",
] as const satisfies readonly BackendChoice[];
// Fails to type-check when models/tf/backend.ts gains a backend that this list lacks.
const _everyBackendListed: [Exclude<BackendChoice, typeof BACKENDS[number]>] extends [never] ? true
  : never = true;

export const cliHost: CliHost = {
  backends: BACKENDS,
  // Loaded only when a task uses a backend and none is named: tfjs is slow to import.
  resolveBackend: async (choice: string) => {
    const { resolveBackend } = await import("./models/tf/backend.ts");
    return await resolveBackend(choice as BackendChoice);
  },
};

if (import.meta.main) {
  Deno.exit(await main(Deno.args, cliHost));
}
