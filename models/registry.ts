/**
 * Model kinds by name, from the one list in `models/kinds.ts` (a kind's card from its zod-only
 * config module, the module of its {@link ModelSpec}, the contract suite's configuration).
 *
 * Nothing here imports a kind statically: the config modules are imported when this module
 * loads, through variable specifiers, so `deno info` leaves them out of the static graph
 * of whoever imports the registry. The train task imports it and validates configs
 * synchronously, yet a train node's cache key covers only the kind it runs (the closure of
 * that kind's spec module, its config included), not every kind's config.
 */
import type { ModelCard, ModelSpec } from "./contract.ts";
import type { Registration } from "./kinds.ts";

/** A registered kind: its card, the module of its spec, and the contract suite's config. */
export interface RegisteredKind extends ModelCard {
  /** Absolute file: URL of the module that exports the kind's `ModelSpec`. */
  module: string;
  /** A small, fast configuration of the kind for the contract suite. */
  testConfig: Record<string, unknown>;
}

/** Imported through a variable specifier: the list of kinds is in no task's static graph. */
const KINDS_URL = new URL("./kinds.ts", import.meta.url).href;
const { REGISTRATIONS } = await import(KINDS_URL) as { REGISTRATIONS: Registration[] };

const isCard = (value: unknown): value is ModelCard =>
  typeof value === "object" && value !== null &&
  typeof (value as ModelCard).kind === "string" &&
  typeof (value as ModelCard).description === "string" &&
  typeof (value as ModelCard).schema?.safeParse === "function";

async function registered(registration: Registration): Promise<RegisteredKind> {
  const exports: Record<string, unknown> = await import(registration.config);
  const cards = Object.values(exports).filter(isCard);
  if (cards.length !== 1) {
    throw new Error(
      `models/kinds.ts: ${registration.config} exports ${cards.length} model cards ` +
        "({ kind, description, schema }); a kind's config module exports exactly one",
    );
  }
  const [card] = cards;
  return {
    kind: card.kind,
    description: card.description,
    schema: card.schema,
    module: registration.spec,
    testConfig: registration.testConfig,
  };
}

function byKind(kinds: RegisteredKind[]): ReadonlyMap<string, RegisteredKind> {
  const map = new Map<string, RegisteredKind>();
  for (const item of kinds) {
    if (map.has(item.kind)) {
      throw new Error(`models/kinds.ts: model kind "${item.kind}" is registered twice`);
    }
    map.set(item.kind, item);
  }
  return map;
}

/** Every registered kind by name, in registration order. */
export const MODEL_KINDS: ReadonlyMap<string, RegisteredKind> = byKind(
  await Promise.all(REGISTRATIONS.map(registered)),
);

export function registeredKind(kind: string): RegisteredKind {
  const found = MODEL_KINDS.get(kind);
  if (!found) {
    throw new Error(
      `unknown model kind "${kind}"; known kinds: ${[...MODEL_KINDS.keys()].sort().join(", ")}`,
    );
  }
  return found;
}

/**
 * Imports the kind's spec module and returns its exported `ModelSpec` of that kind, whose
 * schema must be the card's. The specifier is a variable on purpose: the importer's static
 * module graph (and so its cache key) then holds no model implementation.
 */
export async function loadModelSpec(kind: string): Promise<ModelSpec<unknown>> {
  const { module, schema } = registeredKind(kind);
  const exports: Record<string, unknown> = await import(module);
  const spec = Object.values(exports).find((value): value is ModelSpec<unknown> =>
    typeof value === "object" && value !== null &&
    (value as ModelSpec<unknown>).kind === kind &&
    typeof (value as ModelSpec<unknown>).create === "function"
  );
  if (!spec) {
    throw new Error(
      `model kind "${kind}": ${module} exports no ModelSpec of that kind; ` +
        "fix its registration line in models/kinds.ts",
    );
  }
  if (spec.schema !== schema) {
    throw new Error(
      `model kind "${kind}": the spec in ${module} has another schema than its config ` +
        "module's card; spread the card into the spec (`...<name>Kind`)",
    );
  }
  return spec;
}
