/**
 * Save and load for the baselines: the fitted state (a level, coefficients, trees) tagged
 * with the kind, encoded by the store's deterministic codec (`engine/store/codec.ts`: sorted
 * keys, exact floats, typed arrays as tags), so the same fit always gives the same bytes and
 * a loaded model predicts exactly what the fitted one did.
 */
import { decodeArtifact, encodeArtifact } from "../../engine/store/codec.ts";
import type { ForecastModel, ModelContext } from "../contract.ts";

const FORMAT = "finfusion-baseline-state/1";

interface Envelope {
  format: string;
  kind: string;
  state: unknown;
}

/** A baseline that can take back the state its `save` gave. */
export interface Restorable<S> extends ForecastModel {
  restore(state: S): void;
}

export function saveState(kind: string, state: unknown): Promise<Uint8Array> {
  return Promise.try(() => encodeArtifact({ format: FORMAT, kind, state }));
}

/** The state inside `bytes`; an error naming both kinds when the bytes hold another model. */
export function loadState<S>(kind: string, bytes: Uint8Array): S {
  let envelope: Envelope;
  try {
    envelope = decodeArtifact(bytes) as Envelope;
  } catch (error) {
    throw new Error(
      `${kind}: the saved state cannot be decoded (${(error as Error).message}); ` +
        "refit the model to store it again",
    );
  }
  if (envelope?.format !== FORMAT) {
    throw new Error(
      `${kind}: the saved bytes are not a baseline's state (format ${
        JSON.stringify(envelope?.format)
      }); load them with the spec of the kind that saved them`,
    );
  }
  if (envelope.kind !== kind) {
    throw new Error(`${kind}: the saved state is a "${envelope.kind}" model, not a "${kind}"`);
  }
  return envelope.state as S;
}

/** A spec's `load`: creates the model as `create` does, then restores the saved state. */
export function loadWith<C, S>(
  kind: string,
  create: (config: C, context: ModelContext) => Restorable<S>,
): (config: C, context: ModelContext, saved: Uint8Array) => Promise<ForecastModel> {
  return (config, context, saved) =>
    Promise.try(() => {
      const model = create(config, context);
      model.restore(loadState<S>(kind, saved));
      return model;
    });
}
