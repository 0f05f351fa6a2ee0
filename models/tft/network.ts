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
import { attentionMaskTensor } from "./mask.ts";
import { originRegime } from "./origin_regime.ts";
import {
  attentionGates,
  foldInputsConfig,
  interventionHyper,
  type InterventionLayers,
  interventionLayers,
  stalenessMask,
} from "./intervention_layers.ts";
import { PrescalerBank } from "./prescaler.ts";
import { StaticCovariateEncoders } from "./static_encoders.ts";
import { VariableSelectionNetwork } from "./variable_selection.ts";
import {
  checkSizes,
  type TftFoldInputs,
  type TftForward,
  type TftHyperparameters,
  type TftNetworkArgs,
  type TftShape,
} from "./network_types.ts";

export type {
  TftFoldInputs,
  TftForward,
  TftHyperparameters,
  TftNetworkArgs,
  TftShape,
} from "./network_types.ts";

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
  /** The interventions' layers (each null when its option is off). */
  readonly extras: InterventionLayers;
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
      ...interventionHyper(args),
    };
    checkSizes(this.name, this.shape, this.hyper);
    this.foldInputs = foldInputsConfig(args);
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
    const sizes = { hiddenSize: h, heads, outputSize: args.outputSize, dropout };
    this.extras = interventionLayers(
      this.name,
      sizes,
      this.hyper,
      this.foldInputs,
      (label, make) => this.child(label, make),
    );
  }

  protected createWeights(): void {
    if (this.extras.experts) return; // the mixture replaces the output layer
    const { hiddenSize: h, outputSize: q } = this.hyper;
    const init = "torch-default" as const;
    this.#outputKernel = this.weight({ name: "output_kernel", shape: [h, q], init });
    this.#outputBias = this.weight({ name: "output_bias", shape: [q], init, fanIn: h });
  }

  /** The output layer's weights (the experts' and router's with a mixture output). */
  get outputWeights(): tf.LayerVariable[] {
    const experts = this.extras.experts;
    return experts ? experts.trainableWeights : [this.#outputKernel, this.#outputBias];
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
    const gates = attentionGates(this.extras, past, this.foldInputs);
    const keyMask = stalenessMask(mask, past, this.hyper, this.foldInputs);
    const attended = this.attention.forward(query, attentionInput, keyMask, training, gates);
    let x = this.postAttention.forward(attended.output, query, training);
    x = this.positionwise.forward(x, training);
    const lstmDecoderOutput = tf.slice(lstmOutput, [0, l, 0], [batch, horizon, size]);
    x = this.preOutput.forward(x, lstmDecoderOutput, training);
    const { experts, auxiliary } = this.extras;
    const regime = this.foldInputs.regimeOutputInput;
    const mixture = experts?.forward(x, regime ? originRegime(past, regime) : null);
    return {
      output: mixture?.output ?? dense(x, this.#outputKernel.read(), this.#outputBias.read()),
      staticWeights: statics.weights,
      encoderWeights: encoder.weights,
      decoderWeights: decoder.weights,
      attention: attended.weights,
      ...(mixture ? { routing: mixture.routing } : {}),
      ...(auxiliary ? { auxiliaryLogits: auxiliary.forward(x, training) } : {}),
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
