/**
 * The Temporal Fusion Transformer (Lim et al. 2021) laid out as pytorch-forecasting's
 * `TemporalFusionTransformer` for real-valued inputs, as one tfjs-layers layer built from
 * the layers of this folder:
 *
 *   static VSN → four static encoders (selection, LSTM h0, LSTM c0, enrichment contexts)
 *   encoder VSN (past reals + known reals over the encoder) and decoder VSN (known reals)
 *   LSTM encoder → LSTM decoder (from the encoder's final state, initialised by h0/c0)
 *   post-LSTM gate + add&norm with the VSN outputs (one module shared by both sides)
 *   static enrichment GRN → interpretable multi-head attention, queries at decoder steps
 *   gate + add&norm → position-wise GRN → gate + add&norm with the LSTM output → Linear
 *
 * Inputs: static [B, S], past [B, L, P], known [B, L + H, F]. Output [B, H, outputs].
 */
import * as tf from "@tensorflow/tfjs";
import { InterpretableMultiHeadAttention } from "../tf/layers/attention/interpretable.ts";
import { KitLayer, type KitLayerArgs, type Kwargs } from "../tf/layers/base.ts";
import { GateAddNorm } from "../tf/layers/gate_add_norm.ts";
import { GatedResidualNetwork } from "../tf/layers/grn.ts";
import { dense } from "../tf/layers/linear.ts";
import { TorchLstm } from "../tf/layers/lstm.ts";
import { attentionMaskTensor, type AttentionMaskVariant } from "./mask.ts";
import { originRegime, type RegimeInput } from "./origin_regime.ts";
import { RegimeHeadGates } from "./regime_gates.ts";
import { PrescalerBank } from "./prescaler.ts";
import { StaticCovariateEncoders } from "./static_encoders.ts";
import { VariableSelectionNetwork } from "./variable_selection.ts";
import type { NeuralShape } from "../tf/shell/kind.ts";

/** The TFT reads every input group: static [S], past [L, P], known [L + H, F]. */
export type TftShape = NeuralShape;

export interface TftHyperparameters {
  hiddenSize: number;
  heads: number;
  hiddenContinuousSize: number;
  dropout: number;
  lstmLayers: number;
  /** Outputs per horizon step: the number of quantiles, or 1 for a point loss. */
  outputSize: number;
  attentionMask: AttentionMaskVariant;
  /** Regimes of the regime-aware attention gates; absent = no gates. */
  regimeAttention?: number;
}

/** What a fold fixes for the interventions that read it (absent when they are off). */
export interface TftFoldInputs {
  /** Where the regime of the attention gates is read (`origin_regime.ts`). */
  regimeAttentionInput?: RegimeInput;
}

export type TftNetworkArgs = KitLayerArgs & TftShape & TftHyperparameters & TftFoldInputs;

/** Everything one forward pass produces; the weights feed the interpretation. */
export interface TftForward {
  /** [B, H, outputs] */
  output: tf.Tensor;
  /** [B, S] */
  staticWeights: tf.Tensor;
  /** [B, L, P + F] */
  encoderWeights: tf.Tensor;
  /** [B, H, F] */
  decoderWeights: tf.Tensor;
  /** [B, heads, H, L + H] */
  attention: tf.Tensor;
}

export class TemporalFusionTransformer extends KitLayer {
  static className = "TemporalFusionTransformer";
  readonly shape: TftShape;
  readonly hyper: TftHyperparameters;
  readonly prescalers: PrescalerBank;
  readonly staticSelection: VariableSelectionNetwork;
  readonly encoderSelection: VariableSelectionNetwork;
  readonly decoderSelection: VariableSelectionNetwork;
  readonly staticEncoders: StaticCovariateEncoders;
  readonly lstmEncoder: TorchLstm;
  readonly lstmDecoder: TorchLstm;
  readonly postLstm: GateAddNorm;
  readonly staticEnrichment: GatedResidualNetwork;
  readonly attention: InterpretableMultiHeadAttention;
  readonly postAttention: GateAddNorm;
  readonly positionwise: GatedResidualNetwork;
  readonly preOutput: GateAddNorm;
  readonly regimeGates: RegimeHeadGates | null = null;
  readonly foldInputs: TftFoldInputs;
  #outputKernel!: tf.LayerVariable;
  #outputBias!: tf.LayerVariable;

  constructor(args: TftNetworkArgs) {
    super(args);
    const { staticSize, pastSize, knownSize, encoderLength, horizon } = args;
    this.shape = { staticSize, pastSize, knownSize, encoderLength, horizon };
    const { hiddenSize: h, heads, hiddenContinuousSize: e, dropout, lstmLayers } = args;
    this.hyper = {
      hiddenSize: h,
      heads,
      hiddenContinuousSize: e,
      dropout,
      lstmLayers,
      outputSize: args.outputSize,
      attentionMask: args.attentionMask,
      ...(args.regimeAttention ? { regimeAttention: args.regimeAttention } : {}),
    };
    checkSizes(this.name, this.shape, this.hyper);
    this.foldInputs = args.regimeAttentionInput
      ? { regimeAttentionInput: args.regimeAttentionInput }
      : {};
    const vsn = (variables: number, contextSize: number | null) => (a: KitLayerArgs) =>
      new VariableSelectionNetwork({
        ...a,
        variables,
        embeddingSize: e,
        hiddenSize: h,
        dropout,
        contextSize,
      });
    const grn = (contextSize: number | null) => (a: KitLayerArgs) =>
      new GatedResidualNetwork({
        ...a,
        inputSize: h,
        hiddenSize: h,
        outputSize: h,
        dropout,
        contextSize,
      });
    const lstm = (a: KitLayerArgs) =>
      new TorchLstm({ ...a, inputSize: h, hiddenSize: h, layers: lstmLayers, dropout });
    const gate = (rate: number) => (a: KitLayerArgs) =>
      new GateAddNorm({ ...a, inputSize: h, outputSize: h, dropout: rate });
    this.prescalers = this.child(
      "prescalers",
      (a) => new PrescalerBank({ ...a, variables: staticSize + pastSize + knownSize, size: e }),
    );
    this.staticSelection = this.child("static_vsn", vsn(staticSize, null));
    this.encoderSelection = this.child("encoder_vsn", vsn(pastSize + knownSize, h));
    this.decoderSelection = this.child("decoder_vsn", vsn(knownSize, h));
    this.staticEncoders = this.child(
      "static_encoders",
      (a) => new StaticCovariateEncoders({ ...a, hiddenSize: h, dropout }),
    );
    this.lstmEncoder = this.child("lstm_encoder", lstm);
    this.lstmDecoder = this.child("lstm_decoder", lstm);
    this.postLstm = this.child("post_lstm_gate", gate(dropout));
    this.staticEnrichment = this.child("static_enrichment", grn(h));
    this.attention = this.child(
      "attention",
      (a) => new InterpretableMultiHeadAttention({ ...a, hiddenSize: h, heads, dropout }),
    );
    this.postAttention = this.child("post_attention_gate", gate(dropout));
    this.positionwise = this.child("positionwise_grn", grn(null));
    this.preOutput = this.child("pre_output_gate", gate(0));
    if (this.hyper.regimeAttention) {
      const input = requireRegimeInput(this.name, this.hyper.regimeAttention, args);
      this.regimeGates = this.child(
        "regime_gates",
        (a) => new RegimeHeadGates({ ...a, regimes: input.thresholds.length + 1, heads }),
      );
    }
  }

  protected createWeights(): void {
    const { hiddenSize: h, outputSize: q } = this.hyper;
    const init = "torch-default" as const;
    this.#outputKernel = this.weight({ name: "output_kernel", shape: [h, q], init });
    this.#outputBias = this.weight({ name: "output_bias", shape: [q], init, fanIn: h });
  }

  /** The output layer's weights (for the gradient-norm diagnostic). */
  get outputWeights(): tf.LayerVariable[] {
    return [this.#outputKernel, this.#outputBias];
  }

  /** Everything that reads the past window before attention: encoder VSN and LSTM. */
  get encoderWeights(): tf.LayerVariable[] {
    return [...this.encoderSelection.trainableWeights, ...this.lstmEncoder.trainableWeights];
  }

  forward(inputs: tf.Tensor[], training: boolean): TftForward {
    const [staticX, past, known] = inputs;
    const { staticSize: s, pastSize: p, knownSize: f, encoderLength: l } = this.shape;
    const horizon = known.shape[1]! - l;
    const batch = past.shape[0];
    const statics = this.staticSelection.forward(staticX, this.prescalers.select(0, s), training);
    const contexts = this.staticEncoders.forward(statics.output, training);

    const knownEncoder = tf.slice(known, [0, 0, 0], [batch, l, f]);
    const knownDecoder = tf.slice(known, [0, l, 0], [batch, horizon, f]);
    const encoderX = p === 0 ? knownEncoder : f === 0 ? past : tf.concat([past, knownEncoder], 2);
    const encoder = this.encoderSelection.forward(
      encoderX,
      this.prescalers.select(s, p + f),
      training,
      contexts.selection,
    );
    const decoder = this.decoderSelection.forward(
      knownDecoder,
      this.prescalers.select(s + p, f),
      training,
      contexts.selection,
    );

    const layers = this.hyper.lstmLayers;
    const initial = {
      h: new Array(layers).fill(contexts.hidden),
      c: new Array(layers).fill(contexts.cell),
    };
    const encoded = this.lstmEncoder.forward(encoder.output, initial, training);
    const decoded = this.lstmDecoder.forward(decoder.output, encoded.state, training);
    const lstmOutput = this.postLstm.forward(
      tf.concat([encoded.output, decoded.output], 1),
      tf.concat([encoder.output, decoder.output], 1),
      training,
    ); // [B, L + H, hidden]

    const attentionInput = this.staticEnrichment.forward(lstmOutput, training, contexts.enrichment);
    const size = this.hyper.hiddenSize;
    const query = tf.slice(attentionInput, [0, l, 0], [batch, horizon, size]);
    const mask = this.constant(
      `mask-${horizon}`,
      () => attentionMaskTensor(l, horizon, this.hyper.attentionMask),
    );
    const gates = this.regimeGates
      ? this.regimeGates.forward(originRegime(past, this.foldInputs.regimeAttentionInput!))
      : undefined;
    const attended = this.attention.forward(query, attentionInput, mask, training, gates);
    let x = this.postAttention.forward(attended.output, query, training);
    x = this.positionwise.forward(x, training);
    const lstmDecoderOutput = tf.slice(lstmOutput, [0, l, 0], [batch, horizon, size]);
    x = this.preOutput.forward(x, lstmDecoderOutput, training);
    return {
      output: dense(x, this.#outputKernel.read(), this.#outputBias.read()),
      staticWeights: statics.weights,
      encoderWeights: encoder.weights,
      decoderWeights: decoder.weights,
      attention: attended.weights,
    };
  }

  override call(inputs: tf.Tensor | tf.Tensor[], kwargs: Kwargs): tf.Tensor {
    return this.forward(inputs as tf.Tensor[], !!kwargs["training"]).output;
  }

  override computeOutputShape(inputShape: tf.Shape[]): tf.Shape {
    return [inputShape[0][0], this.shape.horizon, this.hyper.outputSize];
  }

  override getConfig(): tf.serialization.ConfigDict {
    const inputs = this.foldInputs as tf.serialization.ConfigDict;
    return { ...super.getConfig(), ...this.shape, ...this.hyper, ...inputs };
  }
}
tf.serialization.registerClass(TemporalFusionTransformer);

function requireRegimeInput(name: string, regimes: number, args: TftFoldInputs): RegimeInput {
  const input = args.regimeAttentionInput;
  if (!input || input.thresholds.length + 1 !== regimes) {
    throw new Error(
      `${name}: regimeAttention needs the fold's regime input with ${regimes - 1} threshold(s), ` +
        `got ${JSON.stringify(input ?? null)}`,
    );
  }
  return input;
}

function checkSizes(name: string, shape: TftShape, hyper: TftHyperparameters): void {
  const positive = { ...shape, ...hyper } as Record<string, unknown>;
  for (const key of ["encoderLength", "horizon", "hiddenSize", "heads", "hiddenContinuousSize"]) {
    const value = positive[key] as number;
    if (!(Number.isInteger(value) && value >= 1)) {
      throw new Error(`${name}: ${key} must be an integer >= 1, got ${value}`);
    }
  }
  if (shape.knownSize < 1 && shape.pastSize < 1) {
    throw new Error(`${name}: the encoder needs at least one past or known variable`);
  }
}
