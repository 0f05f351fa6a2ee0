/**
 * One colour per model label, the same in every chart of every report: a label's colour is
 * picked by a hash of the label (not by its position in a report), so `tft` is drawn in the
 * same colour beside any set of models. The hash's salt is chosen so that the labels of the
 * shipped studies all get distinct colours; two other labels that land on the same colour in
 * one report are told apart by probing to the next free colour, in label order. The
 * benchmark (and the always-long call rule) is grey, buy-and-hold black.
 */
import { ALWAYS_UP_CALLS } from "../../evaluation/comparisons.ts";

export const PALETTE = [
  "#1f77b4",
  "#d62728",
  "#2ca02c",
  "#9467bd",
  "#ff7f0e",
  "#17becf",
  "#8c564b",
  "#e377c2",
  "#bcbd22",
  "#393b79",
  "#ad494a",
  "#637939",
];
export const BENCHMARK_COLOR = "#6b6b6b";
export const BUY_AND_HOLD = "buy-and-hold";
export const BUY_AND_HOLD_COLOR = "#111111";

const SALT = 12;

/** A well-mixed 32-bit hash of the salted label (FNV-1a, then a finalising mix). */
function labelHash(label: string): number {
  let h = 0x811c9dc5;
  for (const byte of new TextEncoder().encode(`${SALT}:${label}`)) {
    h ^= byte;
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  h ^= h >>> 15;
  h = Math.imul(h, 0x2c1b3c6d) >>> 0;
  h ^= h >>> 12;
  return h >>> 0;
}

/** The palette colour a label gets when no other label of the report claims it first. */
export function preferredColor(label: string): string {
  return PALETTE[labelHash(label) % PALETTE.length];
}

/** Colour of each label; `benchmarks`: labels drawn grey as the reference. */
export function modelColors(labels: string[], benchmarks: Set<string>): Map<string, string> {
  const colors = new Map<string, string>();
  const taken = new Set<string>();
  for (const label of labels) {
    if (label === BUY_AND_HOLD) colors.set(label, BUY_AND_HOLD_COLOR);
    else if (benchmarks.has(label) || label === ALWAYS_UP_CALLS) {
      colors.set(label, BENCHMARK_COLOR);
    }
  }
  for (const label of [...new Set(labels)].filter((l) => !colors.has(l)).sort()) {
    let slot = labelHash(label) % PALETTE.length;
    // Past the palette's size every colour is taken: reuse them in hash order.
    for (let tries = 0; taken.has(PALETTE[slot]) && tries < PALETTE.length; tries++) {
      slot = (slot + 1) % PALETTE.length;
    }
    taken.add(PALETTE[slot]);
    colors.set(label, PALETTE[slot]);
  }
  return colors;
}
