/**
 * The heap kernels' row loops (`layers/norm_wasm.ts`, `glu_wasm.ts`, `bias_act_wasm.ts`) as
 * one WebAssembly module of scalar float64 code. Each function does exactly the float64
 * operations of the JavaScript loop it replaced, in the same order per row (float32 inputs
 * promoted, sums left to right, one rounding to float32 per stored value), so its outputs
 * are bit-identical to it (tests/models/tf/wasm_simd/rows_test.ts keeps that loop as the
 * reference). Those loops are chains of dependent additions (a row's sum, a row's squares),
 * so the functions run four rows side by side: four independent chains keep the adders busy
 * where one row at a time waits ~4 cycles per value.
 *
 * Layout as `layers/norm_wasm.ts`: `rows` rows of `n` values (the last axis), per-group
 * vectors of n values for each block of `perGroup` consecutive rows. Arguments are byte
 * offsets on the backend's heap; sums over the rows (the bias and γ gradients) accumulate,
 * row by row in order, in float64 scratch of 8 bytes per summed value.
 */
import * as tf from "@tensorflow/tfjs";
import { byteOffset, type WasmBackend } from "../wasm_heap.ts";
import {
  type Code,
  countedLoop,
  encodeModule,
  type ExportedFunction,
  F64,
  I32,
  instanceFor,
  op,
} from "./module.ts";

/** Rows processed side by side; the rows past the last multiple of it run one at a time. */
export const ROWS_PER_BLOCK = 4;

/** The code of one row (`k`: its place in the block) and its named locals. */
interface Row {
  k: number;
  get(name: string): Code;
  set(name: string, value: Code): Code;
  /** The float32 at row pointer `pointer` + J, promoted to float64. */
  load(pointer: string): Code;
  /** Stores float64 `value` rounded to float32 at row pointer `pointer` + J. */
  store(pointer: string, value: Code): Code;
  /** Float64 sum `sum` (an output's index in `sums`) of this row's group, value J += `value`. */
  accumulate(sum: number, value: Code): Code;
}

/** A step runs once per row of the block, or once per value (a loop over J, rows inside). */
type Step = { each: "row" | "value"; code: (row: Row) => Code };

interface RowKernel {
  name: string;
  /** Byte offsets of the tensors; `rows`, `n`, `perGroup` (and `scratch` with sums) follow. */
  tensors: string[];
  f64Params?: string[];
  /** Per-row pointers: [local, tensor, "row" (tensor + row) or "group" (tensor + its group)]. */
  pointers: [string, string, "row" | "group"][];
  /** Float64 locals of each row. */
  f64: string[];
  /** Outputs of sums over the rows ([groups · n] float32), from float64 scratch. */
  sums?: string[];
  steps: Step[];
}

const SHARED_I32 = ["R", "J", "NB", "TB", "A"];
const SHARED_F64 = ["nf"];

/**
 * The kernel as a function; with `width`, for rows of exactly that many values, the loops
 * over a row's values unrolled (constant offsets, no loop counter).
 */
function compile(kernel: RowKernel, width?: number): ExportedFunction {
  const sums = kernel.sums ?? [];
  const params = [...kernel.tensors, "rows", "n", "perGroup", ...(sums.length ? ["scratch"] : [])];
  const perRow = (names: string[]) =>
    names.flatMap((name) => Array.from({ length: ROWS_PER_BLOCK }, (_, k) => `${name}_${k}`));
  const rowI32 = [
    "RB",
    "GB",
    ...kernel.pointers.map(([local]) => local),
    ...sums.map((_, s) => `S${s}`),
  ];
  const i32 = [...SHARED_I32, ...perRow(rowI32)];
  const f64 = [...SHARED_F64, ...perRow(kernel.f64)];
  const names = [...params, ...(kernel.f64Params ?? []), ...i32, ...f64];
  if (new Set(names).size !== names.length) {
    throw new Error(`row kernel ${kernel.name}: a tensor or local name is used twice`);
  }
  const index = Object.fromEntries(names.map((name, i) => [name, i]));
  const local = (name: string) => {
    if (!(name in index)) throw new Error(`row kernel ${kernel.name}: no local "${name}"`);
    return index[name];
  };
  const get = (name: string) => op.get(local(name));
  const set = (name: string, value: Code) => [...value, ...op.set(local(name))];
  /** Row k of the block at value j (a constant: unrolled), or at value J (a loop). */
  const rowOf = (k: number, j: number | null = null): Row => {
    const own = (name: string) =>
      (rowI32.includes(name) || kernel.f64.includes(name)) ? `${name}_${k}` : name;
    const at = (pointer: string) =>
      j === null ? [...get(own(pointer)), ...get("J"), ...op.add] : get(own(pointer));
    return {
      k,
      get: (name) => get(own(name)),
      set: (name, value) => set(own(name), value),
      load: (pointer) => [...at(pointer), ...op.f32Load(4 * (j ?? 0)), ...op.promote],
      store: (pointer, value) => [
        ...at(pointer),
        ...value,
        ...op.demote,
        ...op.f32Store(4 * (j ?? 0)),
      ],
      accumulate: (sum, value) => [
        ...(j === null
          ? [...get(`S${sum}_${k}`), ...get("J"), ...op.i32(1), ...op.shl, ...op.add]
          : get(`S${sum}_${k}`)),
        ...op.tee(local("A")),
        ...get("A"),
        ...op.f64Load(8 * (j ?? 0)),
        ...value,
        ...op.f64Add,
        ...op.f64Store(8 * (j ?? 0)),
      ],
    };
  };
  /** Byte address of float64 sum `s`'s value J/4 counted from `from` (bytes of float32). */
  const sumAddress = (s: number, from: Code): Code => [
    ...get("scratch"),
    ...get("TB"),
    ...op.i32(2 * s),
    ...op.mul,
    ...op.add,
    ...from,
    ...op.i32(1),
    ...op.shl,
    ...op.add,
  ];
  const rowSetup = (k: number): Code => {
    const row = [...get("R"), ...(k ? [...op.i32(k), ...op.add] : [])];
    return [
      ...set(`RB_${k}`, [...row, ...get("NB"), ...op.mul]),
      ...set(`GB_${k}`, [...row, ...get("perGroup"), ...op.divU, ...get("NB"), ...op.mul]),
      ...kernel.pointers.flatMap(([pointer, tensor, by]) =>
        set(`${pointer}_${k}`, [
          ...get(tensor),
          ...get(by === "row" ? `RB_${k}` : `GB_${k}`),
          ...op.add,
        ])
      ),
      ...sums.flatMap((_, s) => set(`S${s}_${k}`, sumAddress(s, get(`GB_${k}`)))),
    ];
  };
  const valueLoop = (body: Code): Code => countedLoop(local("J"), local("NB"), 4, body);
  /** Rows R.. in blocks of `size` while a whole block remains (R carries on afterwards). */
  const blocks = (size: number): Code => {
    const rows = Array.from({ length: size }, (_, k) => rowOf(k));
    return [
      ...op.block,
      ...op.loop,
      ...get("R"),
      ...op.i32(size),
      ...op.add,
      ...get("rows"),
      ...op.gtU,
      ...op.brIf(1),
      ...rows.flatMap((row) => rowSetup(row.k)),
      ...kernel.steps.flatMap((step) =>
        step.each === "row"
          ? rows.flatMap((row) => step.code(row))
          : width === undefined
          ? valueLoop(rows.flatMap((row) => step.code(row)))
          : Array.from({ length: width }, (_, j) =>
            rows.flatMap((row) => step.code(rowOf(row.k, j))))
            .flat()
      ),
      ...get("R"),
      ...op.i32(size),
      ...op.add,
      ...set("R", []),
      ...op.br(0),
      ...op.end,
      ...op.end,
    ];
  };
  const clearAndFinish = (finish: boolean): Code =>
    countedLoop(
      local("J"),
      local("TB"),
      4,
      sums.flatMap((output, s) =>
        finish
          ? [
            ...get(output),
            ...get("J"),
            ...op.add,
            ...sumAddress(s, get("J")),
            ...op.f64Load(),
            ...op.demote,
            ...op.f32Store(),
          ]
          : [...sumAddress(s, get("J")), ...op.f64Const(0), ...op.f64Store()]
      ),
    );
  const body = [
    ...set("NB", [...get("n"), ...op.i32(2), ...op.shl]),
    ...set("nf", [...get("n"), ...op.f64FromU32]),
    ...(sums.length
      ? [
        // TB: bytes of one float32 sum output, groups · n · 4 (rows ≥ 1, so perGroup ≥ 1).
        ...set("TB", [...get("rows"), ...get("perGroup"), ...op.divU, ...get("NB"), ...op.mul]),
        ...clearAndFinish(false),
      ]
      : []),
    ...set("R", op.i32(0)),
    ...blocks(ROWS_PER_BLOCK),
    ...blocks(1),
    ...(sums.length ? clearAndFinish(true) : []),
  ];
  return {
    name: kernel.name,
    params: params.length,
    f64Params: kernel.f64Params?.length ?? 0,
    locals: [...i32.map(() => I32), ...f64.map(() => F64)],
    body,
  };
}

/** x (+ skip), γ, β → y, x̂, rstd: the forward of `NORM_KERNEL`. */
function normForward(skip: boolean): RowKernel {
  const value = (row: Row) => [
    ...row.load("XR"),
    ...(skip ? [...row.load("SR"), ...op.f64Add] : []),
  ];
  return {
    name: skip ? "normForwardSkip" : "normForward",
    tensors: ["x", "skip", "gamma", "beta", "y", "xhat", "rstd"],
    f64Params: ["epsilon"],
    pointers: [
      ["XR", "x", "row"],
      ["SR", "skip", "row"],
      ["YR", "y", "row"],
      ["HR", "xhat", "row"],
      ["GR", "gamma", "group"],
      ["BR", "beta", "group"],
    ],
    f64: ["sum", "mean", "squares", "s", "d", "h"],
    steps: [
      {
        each: "row",
        code: (row) => [...row.set("sum", op.f64Const(0)), ...row.set("squares", op.f64Const(0))],
      },
      {
        each: "value",
        code: (row) => row.set("sum", [...row.get("sum"), ...value(row), ...op.f64Add]),
      },
      {
        each: "row",
        code: (row) => row.set("mean", [...row.get("sum"), ...row.get("nf"), ...op.f64Div]),
      },
      {
        each: "value",
        code: (row) => [
          ...row.set("d", [...value(row), ...row.get("mean"), ...op.f64Sub]),
          ...row.set("squares", [
            ...row.get("squares"),
            ...row.get("d"),
            ...row.get("d"),
            ...op.f64Mul,
            ...op.f64Add,
          ]),
        ],
      },
      {
        each: "row",
        code: (row) => [
          ...row.set("s", [
            ...op.f64Const(1),
            ...row.get("squares"),
            ...row.get("nf"),
            ...op.f64Div,
            ...row.get("epsilon"),
            ...op.f64Add,
            ...op.f64Sqrt,
            ...op.f64Div,
          ]),
          ...row.get("rstd"),
          ...row.get("R"),
          ...(row.k ? [...op.i32(row.k), ...op.add] : []),
          ...op.i32(2),
          ...op.shl,
          ...op.add,
          ...row.get("s"),
          ...op.demote,
          ...op.f32Store(),
        ],
      },
      {
        each: "value",
        code: (row) => [
          ...row.set("h", [
            ...value(row),
            ...row.get("mean"),
            ...op.f64Sub,
            ...row.get("s"),
            ...op.f64Mul,
          ]),
          ...row.store("HR", row.get("h")),
          ...row.store("YR", [
            ...row.get("h"),
            ...row.load("GR"),
            ...op.f64Mul,
            ...row.load("BR"),
            ...op.f64Add,
          ]),
        ],
      },
    ],
  };
}

/** dy, x̂, rstd, γ → dx, dγ, dβ: the backward of `NORM_KERNEL` (`NORM_GRAD_KERNEL`). */
const normBackward: RowKernel = {
  name: "normBackward",
  tensors: ["dy", "xhat", "rstd", "gamma", "dx", "dGamma", "dBeta"],
  pointers: [["DR", "dy", "row"], ["HR", "xhat", "row"], ["XR", "dx", "row"], [
    "GR",
    "gamma",
    "group",
  ]],
  f64: ["sumG", "sumGH", "dyj", "gj", "meanG", "meanGH", "s"],
  sums: ["dGamma", "dBeta"],
  steps: [
    {
      each: "row",
      code: (row) => [...row.set("sumG", op.f64Const(0)), ...row.set("sumGH", op.f64Const(0))],
    },
    {
      each: "value",
      code: (row) => [
        ...row.set("dyj", row.load("DR")),
        ...row.set("gj", [...row.get("dyj"), ...row.load("GR"), ...op.f64Mul]),
        ...row.set("sumG", [...row.get("sumG"), ...row.get("gj"), ...op.f64Add]),
        ...row.set("sumGH", [
          ...row.get("sumGH"),
          ...row.get("gj"),
          ...row.load("HR"),
          ...op.f64Mul,
          ...op.f64Add,
        ]),
        ...row.accumulate(0, [...row.get("dyj"), ...row.load("HR"), ...op.f64Mul]),
        ...row.accumulate(1, row.get("dyj")),
      ],
    },
    {
      each: "row",
      code: (row) => [
        ...row.set("meanG", [...row.get("sumG"), ...row.get("nf"), ...op.f64Div]),
        ...row.set("meanGH", [...row.get("sumGH"), ...row.get("nf"), ...op.f64Div]),
        ...row.set("s", [
          ...row.get("rstd"),
          ...row.get("R"),
          ...(row.k ? [...op.i32(row.k), ...op.add] : []),
          ...op.i32(2),
          ...op.shl,
          ...op.add,
          ...op.f32Load(),
          ...op.promote,
        ]),
      ],
    },
    {
      each: "value",
      code: (row) =>
        row.store("XR", [
          ...row.get("s"),
          ...row.load("DR"),
          ...row.load("GR"),
          ...op.f64Mul,
          ...row.get("meanG"),
          ...op.f64Sub,
          ...row.load("HR"),
          ...row.get("meanGH"),
          ...op.f64Mul,
          ...op.f64Sub,
          ...op.f64Mul,
        ]),
    },
  ],
};

/** dy, v, σ → dValue = dy·σ, dGate = dy·v·σ(1 − σ) and their row sums (`GLU_GRAD_KERNEL`). */
const gluBackward: RowKernel = {
  name: "gluBackward",
  tensors: ["dy", "value", "gate", "dValue", "dGate", "dValueBias", "dGateBias"],
  pointers: [
    ["DR", "dy", "row"],
    ["VR", "value", "row"],
    ["SR", "gate", "row"],
    ["PR", "dValue", "row"],
    ["QR", "dGate", "row"],
  ],
  f64: ["d", "sigma", "dv", "dg"],
  sums: ["dValueBias", "dGateBias"],
  steps: [{
    each: "value",
    code: (row) => [
      ...row.set("d", row.load("DR")),
      ...row.set("sigma", row.load("SR")),
      ...row.set("dv", [...row.get("d"), ...row.get("sigma"), ...op.f64Mul]),
      ...row.set("dg", [
        ...row.get("d"),
        ...row.load("VR"),
        ...op.f64Mul,
        ...row.get("sigma"),
        ...op.f64Mul,
        ...op.f64Const(1),
        ...row.get("sigma"),
        ...op.f64Sub,
        ...op.f64Mul,
      ]),
      ...row.store("PR", row.get("dv")),
      ...row.store("QR", row.get("dg")),
      ...row.accumulate(0, row.get("dv")),
      ...row.accumulate(1, row.get("dg")),
    ],
  }],
};

/**
 * dy (⊙ mask), times ELU's derivative from its output y (1 for y ≥ 0, y + 1 below) → dx
 * and its row sums (`BIAS_ACT_GRAD_KERNEL`).
 */
function biasActBackward(elu: boolean, mask: boolean): RowKernel {
  return {
    name: biasActBackwardName(elu, mask),
    tensors: ["dy", "y", "mask", "dx", "db"],
    pointers: [["DR", "dy", "row"], ["YR", "y", "row"], ["MR", "mask", "row"], ["XR", "dx", "row"]],
    f64: ["d", "yv"],
    sums: ["db"],
    steps: [{
      each: "value",
      code: (row) => [
        ...row.set("d", [...row.load("DR"), ...(mask ? [...row.load("MR"), ...op.f64Mul] : [])]),
        ...(elu
          ? [
            ...row.set("yv", row.load("YR")),
            // select(d · (y + 1), d, y < 0)
            ...row.set("d", [
              ...row.get("d"),
              ...row.get("yv"),
              ...op.f64Const(1),
              ...op.f64Add,
              ...op.f64Mul,
              ...row.get("d"),
              ...row.get("yv"),
              ...op.f64Const(0),
              ...op.f64Lt,
              ...op.select,
            ]),
          ]
          : []),
        ...row.store("XR", row.get("d")),
        ...row.accumulate(0, row.get("d")),
      ],
    }],
  };
}

/** The export name of the bias-activation gradient for ELU or identity, with or without a mask. */
export function biasActBackwardName(elu: boolean, mask: boolean): string {
  return `biasActBackward${elu ? "Elu" : ""}${mask ? "Mask" : ""}`;
}

const KERNELS: RowKernel[] = [
  normForward(false),
  normForward(true),
  normBackward,
  gluBackward,
  ...[false, true].flatMap((elu) => [false, true].map((mask) => biasActBackward(elu, mask))),
];

/** The module's bytes: every kernel, unrolled for rows of `width` values if given. */
export function rowKernelsModule(width?: number): Uint8Array<ArrayBuffer> {
  return encodeModule(KERNELS.map((kernel) => compile(kernel, width)));
}

/** Rows up to this wide get a module of their own with the value loops unrolled. */
export const UNROLLED_WIDTH_LIMIT = 64;

/** One call of a row kernel on tensors of the wasm backend. */
export interface RowKernelCall {
  /** Export name: "normForward", "normForwardSkip", "normBackward", "gluBackward" or a
   * {@link biasActBackwardName}. */
  kernel: string;
  /** In the kernel's order: inputs, then outputs, sum outputs last (an input the kernel does
   * not read, like the absent skip, may be any tensor). */
  tensors: tf.TensorInfo[];
  /** The layout of `layers/norm_wasm.ts`'s `layout`. */
  rows: number;
  n: number;
  perGroup: number;
  /** For the layer-norm forward. */
  epsilon?: number;
}

/**
 * Runs a row kernel: the module for rows of n values (unrolled up to
 * {@link UNROLLED_WIDTH_LIMIT}) on the backend's memory, with float64 scratch for its sums
 * freed afterwards. No rows: sum outputs are zeros, nothing else is written.
 */
export function runRowKernel(backend: WasmBackend, call: RowKernelCall): void {
  const kernel = KERNELS.find((k) => k.name === call.kernel);
  if (!kernel || call.tensors.length !== kernel.tensors.length) {
    throw new Error(
      `row kernel "${call.kernel}": ` +
        (kernel
          ? `takes ${kernel.tensors.length} tensors (${
            kernel.tensors.join(", ")
          }), got ${call.tensors.length}`
          : `no such kernel (${KERNELS.map((k) => k.name).join(", ")})`),
    );
  }
  const { rows, n, perGroup } = call;
  const offsets = byteOffset(backend, ...call.tensors);
  const sumOutputs = call.tensors.slice(call.tensors.length - (kernel.sums?.length ?? 0));
  const sumValues = sumOutputs.length ? tf.util.sizeFromShape(sumOutputs[0].shape) : 0;
  if (rows === 0) {
    const heap = backend.wasm.HEAPF32;
    for (const at of offsets.slice(offsets.length - sumOutputs.length)) {
      heap.fill(0, at >> 2, (at >> 2) + sumValues);
    }
    return;
  }
  const width = n <= UNROLLED_WIDTH_LIMIT ? n : undefined;
  const module = () => rowKernelsModule(width);
  const exports = instanceFor(backend.wasm.asm.memory, `rows ${width ?? "any"}`, module);
  const run = exports[kernel.name] as (...args: number[]) => void;
  if (!sumOutputs.length) {
    if (kernel.f64Params && call.epsilon === undefined) {
      throw new Error(`row kernel ${kernel.name}: needs epsilon`);
    }
    run(...offsets, rows, n, perGroup, ...(kernel.f64Params ? [call.epsilon!] : []));
    return;
  }
  const bytes = 8 * sumOutputs.length * sumValues;
  const scratch = backend.wasm._malloc(bytes);
  if (scratch === 0) {
    throw new Error(
      `row kernel ${kernel.name}: the wasm heap could not allocate ${bytes} bytes of scratch ` +
        "(out of memory: train with smaller batches or fewer parallel jobs)",
    );
  }
  try {
    run(...offsets, rows, n, perGroup, scratch);
  } finally {
    backend.wasm._free(scratch);
  }
}
