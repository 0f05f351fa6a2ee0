/**
 * Saves and loads tfjs LayersModels as one byte array, without tfjs-node: the artifacts
 * from `tf.io.withSaveHandler` are packed as
 *
 *   "FFTFLM01" | u32 LE header length | header JSON (UTF-8) | weight bytes
 *
 * where the header holds the topology, weight specs and user metadata. The same model
 * (same layer names, same weights) always gives the same bytes: name layers explicitly,
 * since tfjs's automatic names count up per process. Custom layers must be registered
 * (`tf.serialization.registerClass`) by importing their module before loading.
 *
 * A model kind keeps what it needs beside its weights (target scale, input names) as
 * metadata tagged with its kind: {@link saveWithMetadata} and {@link loadWithMetadata}.
 */
import * as tf from "@tensorflow/tfjs";
import { ownModelBytes } from "./checkpoint_pack.ts";

const MAGIC = "FFTFLM01";

interface Header {
  modelTopology: tf.io.ModelArtifacts["modelTopology"];
  weightSpecs: tf.io.WeightsManifestEntry[];
  format?: string;
  generatedBy?: string;
  convertedBy?: string | null;
  userDefinedMetadata?: Record<string, unknown>;
}

function joinWeights(data: tf.io.WeightData | undefined): Uint8Array {
  if (data === undefined) return new Uint8Array(0);
  return new Uint8Array(tf.io.CompositeArrayBuffer.join(data));
}

/** NaN for encodings this check does not know (quantised weights): the check is skipped. */
function bytesPerElement(spec: tf.io.WeightsManifestEntry): number {
  if (spec.quantization) return NaN;
  return spec.dtype === "bool" ? 1 : spec.dtype === "float32" || spec.dtype === "int32" ? 4 : NaN;
}

export async function saveLayersModel(model: tf.LayersModel): Promise<Uint8Array> {
  let captured: tf.io.ModelArtifacts | null = null;
  await model.save(tf.io.withSaveHandler((artifacts) => {
    captured = artifacts;
    return Promise.resolve({ modelArtifactsInfo: tf.io.getModelArtifactsInfoForJSON(artifacts) });
  }));
  if (captured === null) throw new Error(`saving model "${model.name}" produced no artifacts`);
  const artifacts = captured as tf.io.ModelArtifacts;
  const header: Header = {
    modelTopology: artifacts.modelTopology,
    weightSpecs: artifacts.weightSpecs ?? [],
    format: artifacts.format,
    generatedBy: artifacts.generatedBy,
    convertedBy: artifacts.convertedBy ?? null,
    ...(artifacts.userDefinedMetadata
      ? { userDefinedMetadata: artifacts.userDefinedMetadata }
      : {}),
  };
  const headerBytes = new TextEncoder().encode(JSON.stringify(header));
  const weights = joinWeights(artifacts.weightData);
  const out = new Uint8Array(MAGIC.length + 4 + headerBytes.length + weights.length);
  out.set(new TextEncoder().encode(MAGIC), 0);
  new DataView(out.buffer).setUint32(MAGIC.length, headerBytes.length, true);
  out.set(headerBytes, MAGIC.length + 4);
  out.set(weights, MAGIC.length + 4 + headerBytes.length);
  return out;
}

/** Loads a model; from a checkpoint pack (`checkpoint_pack.ts`), the fit's own selection. */
export async function loadLayersModel(stored: Uint8Array): Promise<tf.LayersModel> {
  const bytes = ownModelBytes(stored);
  const magic = new TextDecoder().decode(bytes.subarray(0, MAGIC.length));
  if (bytes.length < MAGIC.length + 4 || magic !== MAGIC) {
    throw new Error(
      `loadLayersModel: not a finfusion tfjs model (expected the "${MAGIC}" prefix written by saveLayersModel)`,
    );
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const headerLength = view.getUint32(MAGIC.length, true);
  const headerEnd = MAGIC.length + 4 + headerLength;
  if (headerEnd > bytes.length) {
    throw new Error(
      `loadLayersModel: truncated model bytes (header needs ${headerEnd} bytes, got ${bytes.length})`,
    );
  }
  const header = JSON.parse(
    new TextDecoder().decode(bytes.subarray(MAGIC.length + 4, headerEnd)),
  ) as Header;
  const weightData = bytes.slice(headerEnd).buffer;
  const expected = header.weightSpecs.reduce(
    (sum, spec) => sum + spec.shape.reduce((a, b) => a * b, 1) * bytesPerElement(spec),
    0,
  );
  if (Number.isFinite(expected) && weightData.byteLength !== expected) {
    throw new Error(
      `loadLayersModel: weight data has ${weightData.byteLength} bytes but the specs need ${expected}`,
    );
  }
  try {
    return await tf.loadLayersModel(tf.io.fromMemory({ ...header, weightData }));
  } catch (error) {
    throw new Error(
      `loadLayersModel: ${
        error instanceof Error ? error.message : error
      } (import the module that registers every custom layer before loading)`,
    );
  }
}

/** What a model kind stores beside its weights; `kind` guards against loading another kind. */
export interface SavedMetadata {
  kind: string;
}

/** Saves `model` with `metadata` (under the `finfusion` key of tfjs's user metadata). */
export async function saveWithMetadata<M extends SavedMetadata>(
  model: tf.LayersModel,
  metadata: M,
): Promise<Uint8Array> {
  model.setUserDefinedMetadata({ finfusion: metadata });
  return await saveLayersModel(model);
}

/**
 * Restores what {@link saveWithMetadata} wrote, checking it is a `kind` model (the loaded
 * model is disposed before throwing).
 */
export async function loadWithMetadata<M extends SavedMetadata>(
  kind: string,
  saved: Uint8Array,
): Promise<{ model: tf.LayersModel; metadata: M }> {
  const model = await loadLayersModel(saved);
  const metadata = (model.getUserDefinedMetadata() as { finfusion?: M } | undefined)?.finfusion;
  if (!metadata || metadata.kind !== kind) {
    model.dispose();
    throw new Error(
      `${kind}: the saved weights are ${
        metadata ? `a "${metadata.kind}" model` : "missing finfusion metadata"
      }`,
    );
  }
  return { model, metadata };
}
