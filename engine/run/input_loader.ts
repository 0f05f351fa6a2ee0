/**
 * A node's inputs on their way to its task. {@link loadInputs} collects them as encoded
 * bytes: outputs produced in this run come from memory, cached ones from the store
 * (hash-verified); a corrupt or missing upstream object is reported so the executor can
 * recompute that upstream first. {@link decodeInputs} turns the bytes into the values the
 * task receives, inline or inside its Worker.
 */
import type { ExecuteOptions } from "./executor.ts";
import type { GraphNode } from "../declare/graph.ts";
import { decodeArtifact } from "../store/codec.ts";
import { CorruptEntryError, MissingEntryError } from "../store/store.ts";
import type { EncodedInput } from "./worker_protocol.ts";

export function loadInputs(
  node: GraphNode,
  hashes: Map<string, string>,
  memory: Map<string, Uint8Array>,
  options: ExecuteOptions,
):
  | { inputs: Record<string, EncodedInput> }
  | { broken: string; message: string } {
  const read = (id: string): Uint8Array => {
    const inMemory = memory.get(id);
    if (inMemory) return inMemory;
    const bytes = options.store.readObject(hashes.get(id)!);
    options.verified.mark(hashes.get(id)!);
    return bytes;
  };
  const bytesOf = new Map<string, Uint8Array>();
  for (const id of node.upstream) {
    try {
      bytesOf.set(id, read(id));
    } catch (error) {
      if (!(error instanceof CorruptEntryError || error instanceof MissingEntryError)) throw error;
      const key = options.plan.byId.get(id)?.key;
      if (key) options.store.discardEntry(key);
      return { broken: id, message: `${error.message} (output of ${id}); recomputing ${id}` };
    }
  }
  const inputs: Record<string, EncodedInput> = {};
  for (const [name, binding] of Object.entries(node.inputs)) {
    inputs[name] = binding.kind === "one"
      ? bytesOf.get(binding.node)!
      : binding.nodes.map((id) => ({
        id,
        coords: options.graph.byId.get(id)!.coords,
        bytes: bytesOf.get(id)!,
      }));
  }
  return { inputs };
}

/** The values a task receives: decoded outputs, `Gathered<T>` for gathered inputs. */
export function decodeInputs(inputs: Record<string, EncodedInput>): Record<string, unknown> {
  const decoded: Record<string, unknown> = {};
  for (const [name, input] of Object.entries(inputs)) {
    decoded[name] = input instanceof Uint8Array ? decodeArtifact(input) : input.map((item) => ({
      id: item.id,
      coords: item.coords,
      value: decodeArtifact(item.bytes),
    }));
  }
  return decoded;
}
