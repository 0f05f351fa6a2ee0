/**
 * Per-node manifests: for each node id of a pipeline, the key components of the output it
 * last produced or used. `status` diffs the current components against them to say why a
 * node is stale (code, params, upstream data, dependency versions, seed, backend).
 */
import { join } from "node:path";
import { readJsonFile, writeFileAtomic } from "./atomic.ts";
import type { KeyComponents } from "../keys/key_record.ts";

export interface NodeManifest {
  key: string;
  outputHash: string;
  components: KeyComponents;
  at: string;
}

export class Manifests {
  #path: string;
  #nodes: Record<string, NodeManifest>;
  #dirty = false;

  constructor(stateDir: string, pipeline: string) {
    this.#path = join(stateDir, "manifests", `${pipeline}.json`);
    this.#nodes = readJsonFile<{ nodes: Record<string, NodeManifest> }>(this.#path)?.nodes ?? {};
  }

  get(nodeId: string): NodeManifest | null {
    return this.#nodes[nodeId] ?? null;
  }

  set(nodeId: string, manifest: NodeManifest): void {
    const before = this.#nodes[nodeId];
    if (before?.key === manifest.key && before.outputHash === manifest.outputHash) return;
    this.#nodes[nodeId] = manifest;
    this.#dirty = true;
  }

  save(): void {
    if (!this.#dirty) return;
    writeFileAtomic(this.#path, JSON.stringify({ nodes: this.#nodes }));
    this.#dirty = false;
  }
}
