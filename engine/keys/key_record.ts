/** What the store records for each computed key, and the components the key hashes. */
import type { NodeKind } from "../task.ts";

export const KEY_FORMAT_VERSION = 1;

/** A gathered input's component: every upstream expansion with its output hash. */
export interface GatheredHash {
  id: string;
  coords: Record<string, string>;
  hash: string;
}

/** Everything a node's cache key is the SHA-256 of (as canonical JSON). */
export interface KeyComponents {
  format: number;
  kind: NodeKind;
  id: string;
  task: string;
  params: unknown;
  /** Input name → output hash of the upstream node (or every gathered expansion). */
  inputs: Record<string, string | GatheredHash[]>;
  /** Project-relative path → SHA-256, for the task module and its local imports. */
  code: Record<string, string>;
  /** npm packages (name@version) reached from the task module. */
  npm: string[];
  /** The pipeline's seed for a task declared `seeded`, otherwise null. */
  seed: number | null;
  /** Concrete backend for tasks with `usesBackend`, otherwise "none". */
  backend: string;
  fingerprint: string | null;
}

export interface KeyRecord {
  key: string;
  outputHash: string;
  size: number;
  pipeline: string;
  nodeId: string;
  group: string;
  coords: Record<string, string>;
  /** Task module, relative to the project root. */
  module: string;
  /** Input name → upstream node id(s), to name what is missing when an input was collected. */
  inputNodes: Record<string, string | string[]>;
  components: KeyComponents;
  runId: string;
  createdAt: string;
  ms: number;
  warnings: string[];
  metrics: Record<string, number>;
}
