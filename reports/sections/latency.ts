/**
 * The "latency" section: Mamba against the CLS Transformer by sequence length (training
 * s/epoch, inference ms/forecast, peak memory of a step), the fitted scaling exponents and
 * Mamba's per-bar recurrent latency, from a `latency` node joined to the evaluation
 * (`tasks/latency.ts`). Empty (so left out) without one.
 */
import { escapeHtml } from "../html/escape.ts";
import { formatNumber } from "../format.ts";
import { htmlTable } from "../html/table.ts";
import { markdownTable } from "../markdown_tables.ts";
import { latencyOf } from "../../tasks/latency.ts";
import type { LatencyTable } from "../../models/latency/table.ts";
import type { ReportSection } from "./section.ts";

const HEADER = ["Model", "L", "Batch", "Train s/epoch", "Inference ms/forecast", "Peak MiB"];
const EXPONENT_HEADER = ["Model", "k train (all L)", "k train (L ≥ from)", "k inference (all L)"];

function rows(t: LatencyTable): string[][] {
  return t.rows.map((r) => [
    r.arch,
    String(r.length),
    String(r.batch),
    formatNumber(r.secPerEpoch, 3),
    formatNumber(r.inferMs, 1),
    formatNumber(r.peakMiB, 1),
  ]);
}

function exponentRows(t: LatencyTable): string[][] {
  return t.exponents.map((e) => [
    e.arch,
    formatNumber(e.train, 2),
    formatNumber(e.trainLong, 2),
    formatNumber(e.infer, 2),
  ]);
}

function note(t: LatencyTable): string {
  const { width, depth, samples, features, epochs } = t.size;
  return `Synthetic inputs (${features} features), width ${width}, depth ${depth}, ` +
    `${samples} windows per epoch (batch 4; 1 at L ≥ 4000), median of ${epochs} timed ` +
    `epoch${
      epochs === 1 ? "" : "s"
    } after a warm-up step, inference batch 1 (median of 3), wasm. ` +
    "k: least-squares slope of " +
    `log cost on log L; "L ≥ from" uses L ≥ ${t.fitFrom}. A wall-clock measurement of the ` +
    `machine that ran the node (${formatNumber(t.seconds, 0)} s in all), not bit-reproducible.`;
}

function verdict(t: LatencyTable): string {
  const k = Object.fromEntries(t.exponents.map((e) => [e.arch, e.trainLong]));
  const [mamba, transformer] = [k["mamba"], k["cls-transformer"]];
  const comparison = mamba === null || transformer === null
    ? "too few lengths to compare"
    : mamba < transformer
    ? "Mamba's training cost grows more slowly"
    : "Mamba's training cost does not grow more slowly";
  return `Training cost ∝ L^k at L ≥ ${t.fitFrom}: Mamba k = ${formatNumber(mamba, 2)}, ` +
    `CLS Transformer k = ${formatNumber(transformer, 2)} (${comparison}). Recurrent Mamba ` +
    `inference: ${formatNumber(t.recurrentMs, 2)} ms per new bar.`;
}

export const latencySection: ReportSection = {
  id: "latency",
  title: "Latency",
  html: ({ metrics }) => {
    const t = latencyOf(metrics);
    if (!t) return [];
    return [
      `<p class="lede"><strong>${escapeHtml(verdict(t))}</strong></p>`,
      htmlTable({ header: HEADER, rows: rows(t), numericFrom: 1, caption: note(t) }),
      htmlTable({ header: EXPONENT_HEADER, rows: exponentRows(t), numericFrom: 1 }),
    ];
  },
  markdown: ({ metrics }) => {
    const t = latencyOf(metrics);
    if (!t) return [];
    return [
      "## Latency",
      `**${verdict(t)}**`,
      note(t),
      markdownTable(HEADER, rows(t)),
      markdownTable(EXPONENT_HEADER, exponentRows(t)),
    ];
  },
};
