/**
 * The layers the TFT's interventions add (`interventions.ts`), built only when their option
 * is on so a TFT without them has exactly its usual weights: regime gates on the attention
 * heads, a mixture of experts in place of the output layer, an auxiliary classification
 * head. What a fold fixes for them (where the regime is read) arrives as
 * {@link TftFoldInputs} and is saved with the network.
 */
import * as tf from "@tensorflow/tfjs";
import type { KitLayer } from "../tf/layers/base.ts";
import { AuxiliaryHead } from "./auxiliary_head.ts";
import { ExpertOutput, type ExpertRouting } from "./expert_output.ts";
import { originRegime, type RegimeInput } from "./origin_regime.ts";
import { RegimeHeadGates } from "./regime_gates.ts";

/** Architecture switches of the interventions (absent = off); part of the saved config. */
export interface InterventionHyper {
  /** Regimes of the attention gates. */
  regimeAttention?: number;
  /** Experts of the mixture output layer, and how they are routed. */
  outputExperts?: number;
  outputRouting?: ExpertRouting;
  /** Classes of the auxiliary head. */
  auxiliaryClasses?: number;
  /** Logit penalty per unit of the staleness feature at each encoder step. */
  stalenessWeight?: number;
}

/** What a fold fixes for the interventions that read it (absent when they are off). */
export interface TftFoldInputs {
  /** Where the regime of the attention gates is read. */
  regimeAttentionInput?: RegimeInput;
  /** Where the regime of regime-routed experts is read. */
  regimeOutputInput?: RegimeInput;
  /** The past column of the staleness feature of staleness-penalised attention. */
  stalenessInput?: { index: number };
}

export interface InterventionLayers {
  regimeGates: RegimeHeadGates | null;
  experts: ExpertOutput | null;
  auxiliary: AuxiliaryHead | null;
}

type Child = <T extends KitLayer>(
  label: string,
  make: (args: { name: string; seed: number; scope: string }) => T,
) => T;

function requireInput(name: string, what: string, regimes: number, input?: RegimeInput) {
  if (!input || input.thresholds.length + 1 !== regimes) {
    throw new Error(
      `${name}: ${what} needs the fold's regime input with ${regimes - 1} threshold(s), ` +
        `got ${JSON.stringify(input ?? null)}`,
    );
  }
  return input;
}

export function interventionLayers(
  name: string,
  sizes: { hiddenSize: number; heads: number; outputSize: number; dropout: number },
  hyper: InterventionHyper,
  inputs: TftFoldInputs,
  child: Child,
): InterventionLayers {
  const { hiddenSize, heads, outputSize, dropout } = sizes;
  let regimeGates: RegimeHeadGates | null = null;
  if (hyper.regimeAttention) {
    const input = requireInput(
      name,
      "regimeAttention",
      hyper.regimeAttention,
      inputs.regimeAttentionInput,
    );
    const regimes = input.thresholds.length + 1;
    regimeGates = child("regime_gates", (a) => new RegimeHeadGates({ ...a, regimes, heads }));
  }
  let experts: ExpertOutput | null = null;
  if (hyper.outputExperts) {
    const routing = hyper.outputRouting ?? "learned";
    if (routing === "regime") {
      requireInput(name, "regime-routed experts", hyper.outputExperts, inputs.regimeOutputInput);
    }
    experts = child("expert_output", (a) =>
      new ExpertOutput({
        ...a,
        inputSize: hiddenSize,
        outputSize,
        experts: hyper.outputExperts!,
        routing,
      }));
  }
  const classes = hyper.auxiliaryClasses;
  const auxiliary = classes
    ? child("auxiliary_head", (a) => new AuxiliaryHead({ ...a, hiddenSize, classes, dropout }))
    : null;
  return { regimeGates, experts, auxiliary };
}

/** Per-sample head gates [B, heads] of the regime at each window's origin, or undefined. */
export function attentionGates(
  layers: InterventionLayers,
  past: tf.Tensor,
  inputs: TftFoldInputs,
): tf.Tensor | undefined {
  if (!layers.regimeGates) return undefined;
  return layers.regimeGates.forward(originRegime(past, inputs.regimeAttentionInput!));
}

/** The fold inputs as a serialisable config (only the ones set). */
export function foldInputsConfig(inputs: TftFoldInputs): TftFoldInputs {
  const out: TftFoldInputs = {};
  if (inputs.regimeAttentionInput) out.regimeAttentionInput = inputs.regimeAttentionInput;
  if (inputs.regimeOutputInput) out.regimeOutputInput = inputs.regimeOutputInput;
  if (inputs.stalenessInput) out.stalenessInput = inputs.stalenessInput;
  return out;
}

/** Only the intervention switches that are set. */
export function interventionHyper(args: InterventionHyper): InterventionHyper {
  const out: InterventionHyper = {};
  if (args.regimeAttention) out.regimeAttention = args.regimeAttention;
  if (args.outputExperts) {
    out.outputExperts = args.outputExperts;
    out.outputRouting = args.outputRouting ?? "learned";
  }
  if (args.auxiliaryClasses) out.auxiliaryClasses = args.auxiliaryClasses;
  if (args.stalenessWeight !== undefined) out.stalenessWeight = args.stalenessWeight;
  return out;
}

/**
 * The attention mask [Tq, Tk] with the staleness penalty added per sample: [B, 1, Tq, Tk],
 * −weight × the staleness feature at each encoder step (past [B, L, P]), 0 at decoder steps.
 */
export function stalenessMask(
  mask: tf.Tensor,
  past: tf.Tensor,
  hyper: InterventionHyper,
  inputs: TftFoldInputs,
): tf.Tensor {
  const input = inputs.stalenessInput;
  if (hyper.stalenessWeight === undefined) return mask;
  if (!input) throw new Error("stalenessAttention needs the fold's staleness column");
  const [batch, steps] = past.shape as number[];
  const keys = mask.shape[1]!;
  const stale = tf.reshape(tf.slice(past, [0, 0, input.index], [batch, steps, 1]), [batch, steps]);
  const bias = tf.concat(
    [tf.mul(stale, -hyper.stalenessWeight), tf.zeros([batch, keys - steps])],
    1,
  );
  return tf.add(mask, tf.reshape(bias, [batch, 1, 1, keys]));
}
