/**
 * The Mamba block (Gu & Dao 2023, `mamba_simple.py`) as a tfjs layer, [batch, L, d_model] in
 * and out: in_proj to 2·E (x and the gate z), a causal depthwise convolution over time
 * (kernel d_conv), SiLU, x_proj to (Δ-rank, B, C), Δ = softplus(dt_proj(·) + bias),
 * A = −exp(A_log), the selective scan with the D skip, the SiLU(z) gate and out_proj.
 *
 * Initialisation follows the reference: torch `Linear` / `Conv1d` defaults (uniform in
 * ±1/√fan_in) for the projections and the convolution, dt_proj's weight uniform in
 * ±dt_rank^−½, its bias the inverse softplus of Δ drawn log-uniformly in [dt_min, dt_max]
 * (floored at dt_init_floor), A_log = log(1 … d_state) per channel (S4D-real), D = 1.
 * Every draw comes from a seeded stream, so the same seed builds the same block.
 *
 * The convolution is written as d_conv shifted slices times per-channel weights: tfjs' wasm
 * backend has no Conv2DBackpropFilter, so its conv1d cannot train there.
 * `step` runs one bar on a carried state (the last d_conv − 1 conv inputs and the SSM state):
 * recurrent inference in O(1) per bar, equal to the full forward's output at that bar.
 */
import * as tf from "@tensorflow/tfjs";
import { SeededRandom } from "../tf/rng.ts";
import { type ScanMode, selectiveScan, selectiveStep } from "./selective_scan.ts";

type LayerArgs = NonNullable<ConstructorParameters<typeof tf.layers.Layer>[0]>;

export interface MambaShape {
  dModel: number;
  /** N, the state size per channel (reference default 16). */
  dState: number;
  /** E = expand · d_model inner channels (reference default 2). */
  expand: number;
  /** Causal convolution width (reference default 4). */
  dConv: number;
  /** Rank of Δ's projection; the reference's "auto" is ⌈d_model / 16⌉. */
  dtRank: number;
}

export interface MambaBlockArgs extends LayerArgs, MambaShape {
  seed: number;
  scan?: ScanMode;
  dtMin?: number;
  dtMax?: number;
  dtInitFloor?: number;
}

/** The reference defaults for a given width. */
export function mambaShape(dModel: number, overrides: Partial<MambaShape> = {}): MambaShape {
  return { dModel, dState: 16, expand: 2, dConv: 4, dtRank: Math.ceil(dModel / 16), ...overrides };
}

/** What `step` carries from bar to bar. */
export interface MambaState {
  /** The last d_conv − 1 inputs of the convolution: [batch, d_conv − 1, E]. */
  conv: tf.Tensor3D;
  /** [batch, E, N] */
  ssm: tf.Tensor3D;
}

const WEIGHTS = [
  "inProj",
  "convWeight",
  "convBias",
  "xProj",
  "dtWeight",
  "dtBias",
  "aLog",
  "d",
  "outProj",
] as const;
type WeightName = (typeof WEIGHTS)[number];

export class MambaBlock extends tf.layers.Layer {
  static className = "MambaBlock";
  readonly shape: MambaShape;
  readonly seed: number;
  readonly scan: ScanMode;
  readonly dtRange: { min: number; max: number; floor: number };
  #w = {} as Record<WeightName, tf.LayerVariable>;

  constructor(args: MambaBlockArgs) {
    super(args);
    const { dModel, dState, expand, dConv, dtRank } = args;
    for (const [name, value] of Object.entries({ dModel, dState, expand, dConv, dtRank })) {
      if (!Number.isInteger(value) || value < 1) {
        throw new Error(
          `MambaBlock ${this.name}: ${name} must be a positive integer, got ${value}`,
        );
      }
    }
    this.shape = { dModel, dState, expand, dConv, dtRank };
    this.seed = args.seed;
    this.scan = args.scan ?? "parallel";
    this.dtRange = {
      min: args.dtMin ?? 0.001,
      max: args.dtMax ?? 0.1,
      floor: args.dtInitFloor ?? 1e-4,
    };
  }

  get inner(): number {
    return this.shape.expand * this.shape.dModel;
  }

  override build(): void {
    const { dModel, dState, dConv, dtRank } = this.shape;
    const e = this.inner;
    const rng = new SeededRandom(this.seed);
    const uniform = (n: number, bound: number) =>
      Float32Array.from({ length: n }, () => (2 * rng.next() - 1) * bound);
    const { min, max, floor } = this.dtRange;
    const dtBias = Float32Array.from({ length: e }, () => {
      const dt = Math.max(
        floor,
        Math.exp(rng.next() * (Math.log(max) - Math.log(min)) + Math.log(min)),
      );
      return dt + Math.log(-Math.expm1(-dt)); // inverse softplus
    });
    const values: Record<WeightName, [number[], Float32Array]> = {
      inProj: [[dModel, 2 * e], uniform(dModel * 2 * e, 1 / Math.sqrt(dModel))],
      convWeight: [[dConv, e], uniform(dConv * e, 1 / Math.sqrt(dConv))],
      convBias: [[e], uniform(e, 1 / Math.sqrt(dConv))],
      xProj: [[e, dtRank + 2 * dState], uniform(e * (dtRank + 2 * dState), 1 / Math.sqrt(e))],
      dtWeight: [[dtRank, e], uniform(dtRank * e, 1 / Math.sqrt(dtRank))],
      dtBias: [[e], dtBias],
      aLog: [
        [e, dState],
        Float32Array.from({ length: e * dState }, (_, i) => Math.log(1 + (i % dState))),
      ],
      d: [[e], new Float32Array(e).fill(1)],
      outProj: [[e, dModel], uniform(e * dModel, 1 / Math.sqrt(e))],
    };
    for (const name of WEIGHTS) {
      const [shape, init] = values[name];
      this.#w[name] = this.addWeight(name, shape, "float32", tf.initializers.zeros());
      const initial = tf.tensor(init, shape);
      this.#w[name].write(initial); // write copies: the initial tensor is ours to dispose
      initial.dispose();
    }
    this.built = true;
  }

  override computeOutputShape(inputShape: tf.Shape | tf.Shape[]): tf.Shape | tf.Shape[] {
    return inputShape;
  }

  /** [b, L, in] · [in, out] as one rank-2 matmul (rank-3 batched matmul is slow on wasm). */
  #project(x: tf.Tensor3D, weight: tf.Tensor): tf.Tensor3D {
    const [b, length, width] = x.shape;
    return tf.reshape(tf.matMul(tf.reshape(x, [b * length, width]), weight), [b, length, -1]);
  }

  /** Δ, B, C and the scan's other inputs for conv outputs `x` [b, L, E]. */
  #ssmInputs(x: tf.Tensor3D) {
    const { dState, dtRank } = this.shape;
    const w = this.#read();
    const [dt, b, c] = tf.split(this.#project(x, w.xProj), [dtRank, dState, dState], 2);
    const delta = tf.softplus(tf.add(this.#project(dt as tf.Tensor3D, w.dtWeight), w.dtBias));
    return {
      u: x,
      delta: delta as tf.Tensor3D,
      a: tf.neg(tf.exp(w.aLog)) as tf.Tensor2D,
      b: b as tf.Tensor3D,
      c: c as tf.Tensor3D,
      d: w.d as tf.Tensor1D,
    };
  }

  #read(): Record<WeightName, tf.Tensor> {
    return Object.fromEntries(WEIGHTS.map((n) => [n, this.#w[n].read()])) as Record<
      WeightName,
      tf.Tensor2D
    >;
  }

  override call(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor {
    return tf.tidy(() => {
      const input = (Array.isArray(inputs) ? inputs[0] : inputs) as tf.Tensor3D;
      const [batch, length] = input.shape;
      const { dConv } = this.shape;
      const e = this.inner;
      const w = this.#read();
      const [x, z] = tf.split(this.#project(input, w.inProj), 2, 2) as tf.Tensor3D[];
      const padded = tf.concat([tf.zeros([batch, dConv - 1, e]), x], 1);
      let conv: tf.Tensor = w.convBias;
      for (let k = 0; k < dConv; k++) {
        const tap = tf.slice(w.convWeight, [k, 0], [1, e]);
        conv = tf.add(conv, tf.mul(padded.slice([0, k, 0], [-1, length, -1]), tap));
      }
      const activated = tf.mul(conv, tf.sigmoid(conv)) as tf.Tensor3D;
      const y = selectiveScan(this.#ssmInputs(activated), this.scan);
      return this.#project(tf.mul(y, tf.mul(z, tf.sigmoid(z))) as tf.Tensor3D, w.outProj);
    });
  }

  /** A zero state for `batch` sequences. */
  initialState(batch: number): MambaState {
    return {
      conv: tf.zeros([batch, this.shape.dConv - 1, this.inner]),
      ssm: tf.zeros([batch, this.inner, this.shape.dState]),
    };
  }

  /** One bar [batch, d_model] on a carried state: the output [batch, d_model] and the next state. */
  step(input: tf.Tensor2D, state: MambaState): { output: tf.Tensor2D; state: MambaState } {
    return tf.tidy(() => {
      const w = this.#read();
      const [x, z] = tf.split(tf.matMul(input, w.inProj), 2, 1) as tf.Tensor2D[];
      const window = tf.concat([state.conv, tf.expandDims(x, 1)], 1) as tf.Tensor3D;
      const conv = tf.add(tf.sum(tf.mul(window, w.convWeight), 1), w.convBias);
      const activated = tf.mul(conv, tf.sigmoid(conv)) as tf.Tensor2D;
      const s = this.#ssmInputs(tf.expandDims(activated, 1) as tf.Tensor3D);
      const bar = (t: tf.Tensor3D) => tf.squeeze(t, [1]) as tf.Tensor2D;
      const next = selectiveStep(state.ssm, {
        u: activated,
        delta: bar(s.delta),
        a: s.a,
        b: bar(s.b),
        c: bar(s.c),
        d: s.d,
      });
      const output = tf.matMul(tf.mul(next.y, tf.mul(z, tf.sigmoid(z))), w.outProj) as tf.Tensor2D;
      const conv0 = window.slice([0, 1, 0], [-1, this.shape.dConv - 1, -1]) as tf.Tensor3D;
      return { output, state: { conv: conv0, ssm: next.state } };
    });
  }

  override getConfig(): tf.serialization.ConfigDict {
    return {
      ...super.getConfig(),
      ...this.shape,
      seed: this.seed,
      scan: this.scan,
      dtMin: this.dtRange.min,
      dtMax: this.dtRange.max,
      dtInitFloor: this.dtRange.floor,
    };
  }
}
tf.serialization.registerClass(MambaBlock);
