/**
 * Fetch nodes: Yahoo Finance daily OHLCV (`fetchPrices`) and FRED series (`fetchMacro`),
 * from the network or the offline mirror (`--data DIR` / FINFUSION_DATA; see
 * data/README.md). A mirror read is keyed by the mirror file's content hash; a network
 * snapshot by its request, and is reused until the node is forced.
 */
import { z } from "zod";
import { defineTask, type TaskContext } from "../engine/task.ts";
import { loadMacro } from "../data/load_macro.ts";
import { loadPrices } from "../data/load_prices.ts";
import { mirrorPathFor, readMirrorFile } from "../data/mirror/read.ts";
import { parseIsoDay } from "../data/dates.ts";
import type { MacroSeries, PriceSeries } from "../data/snapshot.ts";
import { loadPanel, panelMembers, type PricePanel } from "../data/panel/load.ts";
import { LARGE_CAPS, SECTOR_ETFS } from "../data/panel/universe.ts";
import type { SourceOptions } from "../data/source.ts";

/** The FRED series the feature stage knows how to use. */
export const DEFAULT_MACRO_SERIES = [
  "CPIAUCSL",
  "UNRATE",
  "DGS10",
  "DGS2",
  "T10Y2Y",
  "FEDFUNDS",
  "GDPC1",
  "VIXCLS",
] as const;

const isoDate = z.string().refine((text) => parseIsoDay(text) !== null, {
  message: "expected a date as YYYY-MM-DD",
});

/** Parameters shared by both fetch tasks, with their defaults. */
const common = {
  /** First date wanted (inclusive). */
  start: isoDate.default("1990-01-01"),
  /** Last date wanted (inclusive); null = as far as the data goes (the studies' default). */
  end: isoDate.nullable().default(null),
  /** "auto": network, else the mirror when the network is unreachable or --offline. */
  source: z.enum(["auto", "mirror", "network"]).default("auto"),
  /** Gaps longer than this many trading days (weekdays) become warnings. */
  maxGapDays: z.number().int().min(0).default(5),
  /** Per-request timeout. */
  timeoutMs: z.number().int().positive().default(15_000),
  /** Retries after a timeout, HTTP 429 or 5xx, with exponential backoff. */
  retries: z.number().int().min(0).max(10).default(3),
  /** Wait before the first retry; doubles each time. */
  backoffMs: z.number().int().min(0).default(1_000),
  /** Implausible values (data/README.md, "Implausible values"): fail the node, or warn. */
  onImplausible: z.enum(["error", "warn"]).default("error"),
};

/** Prices only: a close more than this factor above or below the previous one is implausible. */
const maxDailyMove = z.number().gt(1).default(3);

const rangeIsOrdered = (p: { start: string; end: string | null }) =>
  p.end === null || p.start <= p.end;
const rangeMessage = { message: "start must not be after end", path: ["end"] };

export const pricesParams = z.object({
  /** Yahoo symbol: "^GSPC" (default), "^VIX", "SPY", … */
  symbol: z.string().min(1).default("^GSPC"),
  ...common,
  maxDailyMove,
}).strict().refine(rangeIsOrdered, rangeMessage);

export const macroParams = z.object({
  /** FRED series ids, in the order the snapshot keeps them. */
  series: z.array(z.string().regex(/^[A-Za-z0-9_]+$/, "a FRED id is letters, digits, _"))
    .min(1).default([...DEFAULT_MACRO_SERIES]),
  ...common,
  /** Earlier than prices so that year-on-year macro features are ready when prices start. */
  start: isoDate.default("1989-01-01"),
}).strict().refine(rangeIsOrdered, rangeMessage);

export const panelParams = z.object({
  /** The index whose trading calendar the panel follows and whose rows are scored. */
  index: z.string().min(1).default("^GSPC"),
  /** Member symbols by group name; default: the 11 sector ETFs and 100 large caps. */
  groups: z.record(
    z.string().regex(/^[a-z][a-z0-9_-]*$/, "a group name is lower-case letters, digits, _ or -"),
    z.array(z.string().min(1)).min(1),
  ).default({ etf: [...SECTOR_ETFS], stocks: [...LARGE_CAPS] }),
  ...common,
  maxDailyMove,
}).strict().refine(rangeIsOrdered, rangeMessage);

export type PricesParams = z.infer<typeof pricesParams>;
export type PanelParams = z.infer<typeof panelParams>;
export type MacroParams = z.infer<typeof macroParams>;

type Common = Pick<PricesParams, "source" | "maxGapDays" | "timeoutMs" | "retries" | "backoffMs">;

function sourceOptions(params: Common, ctx: TaskContext): SourceOptions {
  return {
    mode: params.source,
    dataDir: ctx.dataDir,
    offline: ctx.offline,
    maxGapDays: params.maxGapDays,
    http: {
      timeoutMs: params.timeoutMs,
      retries: params.retries,
      backoffMs: params.backoffMs,
      signal: ctx.signal,
    },
  };
}

/**
 * Cache-key material: the mirror files' content hashes when the mirror will (or may) be
 * read, the request alone for a forced network read.
 */
async function sourceFingerprint(
  kind: "prices" | "macro",
  ids: string[],
  source: Common["source"],
  context: Pick<TaskContext, "dataDir" | "offline">,
): Promise<string> {
  // A mirror read gives the same snapshot online or --offline: only a network read's key
  // says offline (it then reads the mirror), so --offline alone recomputes nothing.
  const offline = context.offline && source === "network" ? ":offline" : "";
  const request = `${source}${offline}:${kind}:${ids.join(",")}`;
  if (source === "network" && !context.offline) return request;
  const hashes: string[] = [];
  for (const id of ids) {
    const path = context.dataDir ? await mirrorPathFor(context.dataDir, kind, id) : null;
    const file = path && context.dataDir ? await readMirrorFile(context.dataDir, path) : null;
    hashes.push(file ? `${path}=${file.sha256}` : `${id}=absent`);
  }
  return `${request}|${hashes.join("|")}`;
}

export const fetchPrices = defineTask({
  name: "fetch.prices",
  kind: "fetch",
  module: import.meta.url,
  params: pricesParams,
  inputs: {},
  fingerprint: (params, context) =>
    sourceFingerprint("prices", [params.symbol], params.source, context),
  run: async (_inputs: Record<string, never>, params, ctx): Promise<PriceSeries> => {
    const plausibility = { maxDailyMove: params.maxDailyMove, onImplausible: params.onImplausible };
    const series = await loadPrices({ ...params, plausibility }, sourceOptions(params, ctx));
    for (const warning of series.warnings) ctx.warn(warning);
    return series;
  },
});

/** A price panel: the index and member series (data/panel/), each loaded like fetchPrices. */
export const fetchPanel = defineTask({
  name: "fetch.panel",
  kind: "fetch",
  module: import.meta.url,
  params: panelParams,
  inputs: {},
  fingerprint: (params, context) =>
    sourceFingerprint(
      "prices",
      panelMembers(params).map((m) => m.symbol),
      params.source,
      context,
    ),
  run: async (_inputs: Record<string, never>, params, ctx): Promise<PricePanel> => {
    const plausibility = { maxDailyMove: params.maxDailyMove, onImplausible: params.onImplausible };
    const panel = await loadPanel({ ...params, plausibility }, sourceOptions(params, ctx));
    for (const warning of panel.warnings) ctx.warn(warning);
    ctx.progress({ message: `${panel.members.length} series`, fraction: 1 });
    return panel;
  },
});

export const fetchMacro = defineTask({
  name: "fetch.macro",
  kind: "fetch",
  module: import.meta.url,
  params: macroParams,
  inputs: {},
  fingerprint: (params, context) =>
    sourceFingerprint("macro", params.series, params.source, context),
  run: async (_inputs: Record<string, never>, params, ctx): Promise<MacroSeries> => {
    const macro = await loadMacro(
      {
        ids: params.series,
        start: params.start,
        end: params.end,
        onImplausible: params.onImplausible,
      },
      sourceOptions(params, ctx),
    );
    for (const warning of macro.warnings) ctx.warn(warning);
    return macro;
  },
});
