/**
 * References to declared nodes, handed to downstream nodes as inputs. A plain ref maps
 * over the upstream's sweep axes; `ref.gather()` hands every expansion over at once as
 * `Gathered<T>`, and `ref.gather("model")` gathers over some axes and maps over the rest.
 */
import type { Gathered } from "../task.ts";

const REF = Symbol.for("finfusion.ref");

export interface GatherRef<O = unknown> {
  readonly [REF]: "gather";
  readonly id: string;
  /** Axes gathered over; null means all of them. */
  readonly axes: readonly string[] | null;
  /** Type-only: the output type of each gathered expansion. */
  readonly __output?: O;
}

export interface NodeRef<O = unknown> {
  readonly [REF]: "node";
  readonly id: string;
  gather(...axes: string[]): GatherRef<O>;
  /** Type-only: the node's output type. */
  readonly __output?: O;
}

/** What a downstream declaration may pass for an input expecting `T`. */
export type InputRef<T> = T extends Gathered<infer U> ? GatherRef<U> | string
  : NodeRef<T> | string;

export type InputRefs<I> = { [K in keyof I]: InputRef<I[K]> };

export function nodeRef<O>(id: string): NodeRef<O> {
  return {
    [REF]: "node",
    id,
    gather: (...axes: string[]) => ({ [REF]: "gather", id, axes: axes.length ? axes : null }),
  };
}

export function isNodeRef(value: unknown): value is NodeRef {
  return typeof value === "object" && value !== null &&
    (value as Record<symbol, unknown>)[REF] === "node";
}

export function isGatherRef(value: unknown): value is GatherRef {
  return typeof value === "object" && value !== null &&
    (value as Record<symbol, unknown>)[REF] === "gather";
}
