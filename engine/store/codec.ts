/**
 * Deterministic artifact codec for task outputs, on CBOR (`cborg`): map keys are sorted,
 * floats use their shortest exact width, and typed arrays travel as RFC 8746 tags
 * (little-endian Float32/Float64/Int32; Uint8Array as a plain byte string). Equal data
 * therefore always encodes to equal bytes, which is what lets an upstream node that
 * recomputes to the same value leave its downstream cached.
 *
 * Anything that would not survive the round trip (Dates, Maps, Sets, class instances,
 * functions, other typed arrays) is rejected with the path where it was found. Object
 * members that are `undefined` are dropped, as JSON would.
 */
import { decode, encode, Token, Type } from "cborg";
import type { OptionalTypeEncoder as TypeEncoder, TagDecoder } from "cborg/interface";

const TAG_INT32_LE = 78;
const TAG_FLOAT32_LE = 85;
const TAG_FLOAT64_LE = 86;

if (new Uint8Array(new Uint16Array([1]).buffer)[0] !== 1) {
  throw new Error("finfusion's artifact codec assumes a little-endian machine");
}

type TypedArrayConstructor =
  | Float32ArrayConstructor
  | Float64ArrayConstructor
  | Int32ArrayConstructor;

function typedArrayEncoder(tag: number): TypeEncoder {
  return (value: Float32Array | Float64Array | Int32Array) => {
    const view = value;
    const bytes = new Uint8Array(view.buffer, view.byteOffset, view.byteLength);
    return [new Token(Type.tag, tag), new Token(Type.bytes, bytes)];
  };
}

function typedArrayDecoder(ctor: TypedArrayConstructor): TagDecoder {
  return (inner) => {
    const bytes = inner as Uint8Array;
    // Copy: the decoded byte string may sit at an offset the typed array cannot align to.
    const copy = bytes.slice();
    return new ctor(copy.buffer, 0, copy.byteLength / ctor.BYTES_PER_ELEMENT);
  };
}

function reject(kind: string): TypeEncoder {
  return () => {
    throw new ArtifactTypeError(kind);
  };
}

/** Thrown when an output holds something the store cannot encode faithfully. */
export class ArtifactTypeError extends Error {
  constructor(readonly found: string, readonly path = "") {
    super(
      `output${path ? ` at ${path}` : ""} contains a ${found}; outputs must be plain data ` +
        "(objects, arrays, strings, numbers, booleans, null) and Float32Array, Float64Array, " +
        "Int32Array or Uint8Array",
    );
  }
}

const UNSUPPORTED = [
  "Date",
  "Map",
  "Set",
  "WeakMap",
  "WeakSet",
  "RegExp",
  "Error",
  "Promise",
  "URL",
  "DataView",
  "ArrayBuffer",
  "SharedArrayBuffer",
  "Int8Array",
  "Uint8ClampedArray",
  "Int16Array",
  "Uint16Array",
  "Uint32Array",
  "BigInt64Array",
  "BigUint64Array",
  "Function",
  "symbol",
  "bigint",
];

const typeEncoders: Record<string, TypeEncoder> = {
  Float32Array: typedArrayEncoder(TAG_FLOAT32_LE),
  Float64Array: typedArrayEncoder(TAG_FLOAT64_LE),
  Int32Array: typedArrayEncoder(TAG_INT32_LE),
  Object: (value: object) => {
    const prototype = Object.getPrototypeOf(value);
    if (prototype === Object.prototype || prototype === null) return null;
    throw new ArtifactTypeError(prototype?.constructor?.name ?? "class instance");
  },
  ...Object.fromEntries(UNSUPPORTED.map((kind) => [kind, reject(kind)])),
};

const tags: TagDecoder[] = [];
tags[TAG_INT32_LE] = typedArrayDecoder(Int32Array);
tags[TAG_FLOAT32_LE] = typedArrayDecoder(Float32Array);
tags[TAG_FLOAT64_LE] = typedArrayDecoder(Float64Array);

/** Encodes a task output; equal data gives equal bytes. */
export function encodeArtifact(value: unknown): Uint8Array {
  try {
    return encode(value, { typeEncoders, ignoreUndefinedProperties: true });
  } catch (error) {
    if (error instanceof ArtifactTypeError) {
      throw new ArtifactTypeError(error.found, findPath(value, error.found) ?? "");
    }
    throw error;
  }
}

/** Decodes bytes written by {@link encodeArtifact}. */
export function decodeArtifact(bytes: Uint8Array): unknown {
  return decode(bytes, { tags });
}

/** Locates the first offending value, only after encoding failed (so the common path stays fast). */
function findPath(value: unknown, found: string, path = "$", depth = 0): string | null {
  if (value === null || typeof value !== "object" || depth > 64) {
    const name = typeof value === "function" ? "Function" : typeof value;
    return name === found ? path : null;
  }
  if (ArrayBuffer.isView(value)) return value.constructor.name === found ? path : null;
  const prototype = Object.getPrototypeOf(value);
  const isPlain = Array.isArray(value) || prototype === Object.prototype || prototype === null;
  if (!isPlain) return path;
  for (const [key, item] of Object.entries(value)) {
    const hit = findPath(
      item,
      found,
      Array.isArray(value) ? `${path}[${key}]` : `${path}.${key}`,
      depth + 1,
    );
    if (hit) return hit;
  }
  return null;
}
