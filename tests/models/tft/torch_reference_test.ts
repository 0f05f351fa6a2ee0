/**
 * The tfjs TFT computes the same function as the PyTorch reference laid out as
 * pytorch-forecasting (`../shared/bench/torch_tft_reference.py`): the reference's weights
 * (perturbed off their initial values), inputs and outputs for a small configuration are in
 * `fixtures/torch_reference.json` (written by `fixtures/make_torch_reference.py`); loaded
 * into our layers, every output must match.
 */
import assert from "node:assert/strict";
import * as tf from "@tensorflow/tfjs";
import { initBackend } from "../../../models/tf/backend.ts";
import { buildTft } from "../../../models/tft/build.ts";
import { STATIC_CONTEXTS } from "../../../models/tft/static_encoders.ts";

await initBackend("wasm");

interface Array_ {
  shape: number[];
  values: number[];
}
interface Fixture {
  config: Record<string, number | string | boolean>;
  parameters: Record<string, Array_>;
  inputs: Record<"static" | "past" | "known", Array_>;
  outputs: Record<string, Array_>;
}

const fixture: Fixture = JSON.parse(
  await Deno.readTextFile(new URL("./fixtures/torch_reference.json", import.meta.url)),
);
const used = new Set<string>();

function torch(name: string): Array_ {
  const p = fixture.parameters[name];
  if (!p) throw new Error(`no torch parameter ${name}`);
  used.add(name);
  return p;
}

/** torch Linear weight [out, in] rows `from..to` → our kernel layout [in, to − from]. */
function kernel(name: string, from?: number, to?: number): number[] {
  const { shape: [out, inSize], values } = torch(name);
  const [a, b] = [from ?? 0, to ?? out];
  const result: number[] = [];
  for (let i = 0; i < inSize; i++) for (let o = a; o < b; o++) result.push(values[o * inSize + i]);
  return result;
}

function vector(name: string, from?: number, to?: number): number[] {
  const { values } = torch(name);
  return values.slice(from ?? 0, to ?? values.length);
}

/** Our GRN weights from torch GRNs (several prefixes = one stacked GRN). */
function grn(ours: string, prefixes: string[], out: number, hasContext = false) {
  const all = (f: (p: string) => number[]) => prefixes.flatMap(f);
  const entries: Record<string, number[]> = {
    [`${ours}/fc1_kernel`]: all((p) => kernel(`${p}.fc1.weight`)),
    [`${ours}/fc1_bias`]: all((p) => vector(`${p}.fc1.bias`)),
    [`${ours}/fc2_kernel`]: all((p) => kernel(`${p}.fc2.weight`)),
    [`${ours}/fc2_bias`]: all((p) => vector(`${p}.fc2.bias`)),
    ...gate(`${ours}/gate_norm`, prefixes.map((p) => `${p}.gate_norm`), out),
  };
  if (hasContext) entries[`${ours}/context_kernel`] = all((p) => kernel(`${p}.context.weight`));
  if (fixture.parameters[`${prefixes[0]}.resample.mask`]) {
    entries[`${ours}/resample_norm/mask`] = all((p) => vector(`${p}.resample.mask`));
    entries[`${ours}/resample_norm/norm_gamma`] = all((p) => vector(`${p}.resample.norm.weight`));
    entries[`${ours}/resample_norm/norm_beta`] = all((p) => vector(`${p}.resample.norm.bias`));
  }
  return entries;
}

/** GateAddNorm: torch's GLU Linear(in, 2·out) is value rows then gate rows. */
function gate(
  ours: string,
  prefixes: string[],
  out: number,
  glu = (p: string) => `${p}.glu.fc`,
  norm = (p: string) => `${p}.add_norm.norm`,
) {
  const all = (f: (p: string) => number[]) => prefixes.flatMap(f);
  return {
    [`${ours}/glu/value_kernel`]: all((p) => kernel(`${glu(p)}.weight`, 0, out)),
    [`${ours}/glu/value_bias`]: all((p) => vector(`${glu(p)}.bias`, 0, out)),
    [`${ours}/glu/gate_kernel`]: all((p) => kernel(`${glu(p)}.weight`, out, 2 * out)),
    [`${ours}/glu/gate_bias`]: all((p) => vector(`${glu(p)}.bias`, out, 2 * out)),
    [`${ours}/add_norm/norm_gamma`]: all((p) => vector(`${norm(p)}.weight`)),
    [`${ours}/add_norm/norm_beta`]: all((p) => vector(`${norm(p)}.bias`)),
  };
}

const c = fixture.config as Record<string, number>;
const [S, P, F, H] = [c.n_static, c.n_past, c.n_future, c.hidden];
const range = (n: number) => Array.from({ length: n }, (_, i) => i);

function vsn(ours: string, torchName: string, variables: number, context: boolean) {
  const grns = grn(
    `${ours}/variable_grns`,
    range(variables).map((v) => `${torchName}.grns.${v}`),
    H,
  );
  const flat = variables > 1
    ? grn(`${ours}/flattened_grn`, [`${torchName}.flat`], variables, context)
    : {};
  return { ...grns, ...flat };
}

function lstm(ours: string, torchName: string) {
  const entries: Record<string, number[]> = {};
  for (let l = 0; l < c.lstm_layers; l++) {
    entries[`${ours}/l${l}_input_kernel`] = kernel(`${torchName}.weight_ih_l${l}`);
    entries[`${ours}/l${l}_recurrent_kernel`] = kernel(`${torchName}.weight_hh_l${l}`);
    entries[`${ours}/l${l}_input_bias`] = vector(`${torchName}.bias_ih_l${l}`);
    entries[`${ours}/l${l}_recurrent_bias`] = vector(`${torchName}.bias_hh_l${l}`);
  }
  return entries;
}

const torchContexts: Record<typeof STATIC_CONTEXTS[number], string> = {
  selection: "static_ctx_selection",
  hidden: "static_ctx_hidden",
  cell: "static_ctx_cell",
  enrichment: "static_ctx_enrichment",
};
const reals = range(S + P + F);
const ours: Record<string, number[]> = {
  "prescalers/weight": reals.flatMap((i) => vector(`prescalers.${i}.weight`)),
  "prescalers/bias": reals.flatMap((i) => vector(`prescalers.${i}.bias`)),
  ...vsn("static_vsn", "static_vsn", S, false),
  ...vsn("encoder_vsn", "encoder_vsn", P + F, true),
  ...vsn("decoder_vsn", "decoder_vsn", F, true),
  ...grn("static_encoders/grns", STATIC_CONTEXTS.map((name) => torchContexts[name]), H),
  ...lstm("lstm_encoder", "lstm_encoder"),
  ...lstm("lstm_decoder", "lstm_decoder"),
  // one gate + add&norm shared by the encoder and decoder outputs
  ...gate("post_lstm_gate", ["post_lstm"], H, (p) => `${p}_gate.fc`, (p) => `${p}_add_norm.norm`),
  ...grn("static_enrichment", ["static_enrichment"], H, true),
  "attention/query_kernel": kernel("attention.q.weight"),
  "attention/query_bias": vector("attention.q.bias"),
  "attention/key_kernel": kernel("attention.k.weight"),
  "attention/key_bias": vector("attention.k.bias"),
  "attention/value_kernel": kernel("attention.v.weight"),
  "attention/value_bias": vector("attention.v.bias"),
  "attention/output_kernel": kernel("attention.w_h.weight"),
  ...gate("post_attention_gate", ["post_attn_gate_norm"], H),
  ...grn("positionwise_grn", ["pos_wise_ff"], H),
  ...gate("pre_output_gate", ["pre_output_gate_norm"], H),
  "output_kernel": kernel("output_layer.weight"),
  "output_bias": vector("output_layer.bias"),
};

Deno.test("TFT matches the PyTorch reference output for the same weights and inputs", () => {
  const built = buildTft(
    {
      staticSize: S,
      pastSize: P,
      knownSize: F,
      encoderLength: c.encoder_length,
      horizon: c.horizon,
    },
    {
      hiddenSize: H,
      heads: c.heads,
      hiddenContinuousSize: c.hidden_continuous,
      dropout: c.dropout,
      lstmLayers: c.lstm_layers,
      outputSize: c.n_quantiles,
      attentionMask: "exclude-self",
    },
    1,
  );
  assert.deepEqual(
    [...used].length,
    Object.keys(fixture.parameters).length,
    `unmapped torch parameters: ${Object.keys(fixture.parameters).filter((n) => !used.has(n))}`,
  );
  const weights = built.model.weights.map((w) => {
    const name = w.originalName.replace(/^tft\//, "");
    const values = ours[name];
    assert.ok(values, `no torch values for ${name}`);
    assert.equal(values.length, w.shape.reduce((a, b) => a! * b!, 1), name);
    return tf.tensor(values, w.shape as number[]);
  });
  assert.equal(weights.length, Object.keys(ours).length);
  built.model.setWeights(weights);
  const input = (name: "static" | "past" | "known") =>
    tf.tensor(fixture.inputs[name].values, fixture.inputs[name].shape);
  const inputs = [input("static"), input("past"), input("known")];
  const out = built.layer.forward(inputs, false);
  const compare: Array<[string, tf.Tensor]> = [
    ["output", out.output],
    ["static_weights", out.staticWeights!],
    ["encoder_weights", out.encoderWeights!],
    ["decoder_weights", out.decoderWeights!],
    ["attention", out.attention!],
  ];
  for (const [name, tensor] of compare) {
    const expected = fixture.outputs[name];
    assert.deepEqual(tensor.shape, expected.shape, name);
    const actual = tensor.dataSync();
    const worst = Math.max(...expected.values.map((v, i) => Math.abs(v - actual[i])));
    assert.ok(worst < 2e-5, `${name}: max |tfjs − torch| = ${worst}`);
  }
  tf.dispose([...weights, ...inputs, ...Object.values(out)]);
  built.model.dispose();
});
