/** Turns encoded inputs into the values a task receives (`Gathered<T>` for gathered ones). */
import { decodeArtifact } from "../store/codec.ts";
import type { EncodedInput } from "./worker_protocol.ts";

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
