/**
 * Every model kind, by name. The train task looks models up here, so the fold loop never
 * special-cases a model. Each model module exports its `ModelSpec`; add it to the list.
 */
import type { ModelSpec } from "./contract.ts";
import { lstmSpec } from "./lstm/lstm.ts";

// deno-lint-ignore no-explicit-any
const specs: ModelSpec<any>[] = [lstmSpec];

export const MODELS: ReadonlyMap<string, ModelSpec<unknown>> = new Map(
  specs.map((spec) => [spec.kind, spec]),
);

export function modelSpec(kind: string): ModelSpec<unknown> {
  const spec = MODELS.get(kind);
  if (!spec) {
    throw new Error(
      `unknown model kind "${kind}"; known kinds: ${[...MODELS.keys()].sort().join(", ")}`,
    );
  }
  return spec;
}
