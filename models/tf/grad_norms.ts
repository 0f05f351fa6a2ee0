/**
 * The output/encoder gradient-norm diagnostic, read off the flat gradient vector the
 * optimiser already builds ({@link FlatAdam.flatten}): each group of variables is a few
 * contiguous ranges of that vector (a layer's weights sit side by side), so its norm costs
 * a few slices rather than two kernels per weight tensor.
 */
import * as tf from "@tensorflow/tfjs";

/** A contiguous range [start, start + size) of the flat gradient vector. */
export interface FlatRange {
  start: number;
  size: number;
}

/** The output layer's and the encoder's ranges; null when a network names no such groups. */
export type GradientGroups = { output: FlatRange[]; encoder: FlatRange[] } | null;

/**
 * The ranges `group` occupies in the flat vector of `variables` (same order as the
 * optimiser's), adjacent ones merged. A member that is not among `variables` gets no
 * gradient and is left out.
 */
export function flatRanges(variables: tf.Variable[], group: tf.Variable[]): FlatRange[] {
  const placed = new Map<string, FlatRange>();
  let offset = 0;
  for (const variable of variables) {
    placed.set(variable.name, { start: offset, size: variable.size });
    offset += variable.size;
  }
  const members = [...new Set(group.map((variable) => variable.name))]
    .flatMap((name) => placed.get(name) ?? [])
    .sort((a, b) => a.start - b.start);
  const ranges: FlatRange[] = [];
  for (const member of members) {
    const last = ranges.at(-1);
    if (last && last.start + last.size === member.start) last.size += member.size;
    else ranges.push({ ...member });
  }
  return ranges;
}

export function gradientGroups(
  variables: tf.Variable[],
  network: { outputVariables: tf.Variable[]; encoderVariables: tf.Variable[] },
): GradientGroups {
  if (network.outputVariables.length === 0 || network.encoderVariables.length === 0) return null;
  return {
    output: flatRanges(variables, network.outputVariables),
    encoder: flatRanges(variables, network.encoderVariables),
  };
}

/**
 * √Σ g² over `ranges` of the flat vector. Partial sums are stacked and summed, not added
 * with `tf.addN`: tfjs 4.22's webgpu AddN sums only its first four inputs.
 */
export function rangesNorm(flat: tf.Tensor1D, ranges: FlatRange[]): tf.Scalar {
  return tf.tidy(() => {
    if (ranges.length === 0) return tf.scalar(0);
    const sums = ranges.map((r) => tf.sum(tf.square(tf.slice(flat, r.start, r.size))));
    return tf.sqrt(sums.length === 1 ? sums[0] : tf.sum(tf.stack(sums))) as tf.Scalar;
  });
}

/** Gradient norm of the output layer over the encoder's (the encoder's floored at 1e-30). */
export function gradRatio(flat: tf.Tensor1D, groups: NonNullable<GradientGroups>): tf.Scalar {
  return tf.tidy(() =>
    tf.div(rangesNorm(flat, groups.output), tf.maximum(rangesNorm(flat, groups.encoder), 1e-30))
  );
}
