/**
 * The macro-regime section's tables as rows of text, shared by the HTML page and
 * `summary.md`: the source's headline beside ours as published and point in time (with the
 * no-change baseline on the same windows), every model per horizon, the calibration
 * tracker, the 30-day forecasts by regime band and era, and the market test.
 */
import type { MacroRegimeEvaluation } from "../evaluation/macro_regime/evaluation.ts";
import type { GroupMetrics } from "../evaluation/macro_regime/metrics.ts";
import type { TimingStudy } from "../evaluation/macro_regime/study.ts";
import { WALK_FORWARD_MODELS } from "../models/macro_regime/walk_forward.ts";
import { formatNumber, formatP, formatPercent } from "./format.ts";

export interface TextTable {
  caption: string;
  header: string[];
  rows: string[][];
}

const num = (v: number | null | undefined, d = 3) => formatNumber(v ?? null, d);
const pct = (v: number | null | undefined) => formatPercent(v ?? null, 1);

export function headlineTable(e: MacroRegimeEvaluation): TextTable {
  const rows = e.source.flatMap((src) => {
    const ours = e.studies.flatMap((s) => {
      const h = s.horizons.find((x) => x.horizon === src.horizon);
      if (!h) return [];
      const m = h.models.ensemble, naive = h.models["no-change"];
      return [
        [
          `${src.horizon}d`,
          `ours, ${s.timing}`,
          `${h.windows}`,
          num(m.mae),
          pct(m.direction),
          pct(m.directionOnMoves),
          pct(m.coverage),
        ],
        [
          `${src.horizon}d`,
          `no change, ${s.timing}`,
          `${h.windows}`,
          num(naive.mae),
          pct(naive.direction),
          pct(naive.directionOnMoves),
          "—",
        ],
      ];
    });
    return [[
      `${src.horizon}d`,
      "source (published)",
      `${src.windows}`,
      num(src.mae),
      pct(src.direction),
      "—",
      pct(src.coverage),
    ], ...ours];
  });
  return {
    caption: "The 70/30 ensemble's score forecasts: the source's published numbers, ours on " +
      "the source's interpolated daily data (as published) and with every input at its " +
      "release date (point in time), and the no-change forecast on the same windows. " +
      "Direction counts a change under half a point as flat; 'on moves' scores only the " +
      "windows where the score moved.",
    header: [
      "horizon",
      "forecast",
      "windows",
      "MAE",
      "direction",
      "direction on moves",
      "95% coverage",
    ],
    rows,
  };
}

export function modelsTable(study: TimingStudy): TextTable {
  const hs = study.horizons;
  return {
    caption: `Every model, ${study.timing}: MAE, direction and 95% coverage per horizon ` +
      "(transition is excluded from the 70/30 ensemble, as in the source; the naive " +
      "baselines have no interval).",
    header: [
      "model",
      ...hs.map((h) => `MAE ${h.horizon}d`),
      ...hs.map((h) => `dir. ${h.horizon}d`),
      ...hs.map((h) => `cov. ${h.horizon}d`),
      ...hs.map((h) => `width ${h.horizon}d`),
    ],
    rows: WALK_FORWARD_MODELS.map((m) => [
      m,
      ...hs.map((h) => num(h.models[m].mae)),
      ...hs.map((h) => pct(h.models[m].direction)),
      ...hs.map((h) => pct(h.models[m].coverage)),
      ...hs.map((h) => num(h.models[m].width, 2)),
    ]),
  };
}

export function calibrationTable(e: MacroRegimeEvaluation): TextTable {
  return {
    caption: "The calibration tracker: the ensemble's forecasts replayed day by day into an " +
      "append-only ledger; rolling MAE and coverage over the last 20 resolved forecasts, " +
      "and alerts (rolling MAE up > 20% on the previous window, or coverage outside 85–98%).",
    header: [
      "timing",
      "horizon",
      "resolved",
      "rolling MAE (last)",
      "rolling MAE (min–max)",
      "rolling coverage (last)",
      "windows in 85–98%",
      "alerts",
    ],
    rows: e.studies.flatMap((s) =>
      s.horizons.map((h) => {
        const r = h.rolling, last = r[r.length - 1];
        const maes = r.map((p) => p.mae);
        const inBand = r.filter((p) => p.coverage >= 0.85 && p.coverage <= 0.98).length;
        return [
          s.timing,
          `${h.horizon}d`,
          `${h.windows}`,
          num(last?.mae),
          r.length ? `${num(Math.min(...maes))}–${num(Math.max(...maes))}` : "—",
          pct(last?.coverage),
          r.length ? pct(inBand / r.length) : "—",
          `${h.alertCount}`,
        ];
      })
    ),
  };
}

export function breakdownTable(e: MacroRegimeEvaluation, by: "band" | "era"): TextTable {
  const cols = e.studies.flatMap((s) => {
    const h = s.horizons.find((x) => x.horizon === 30) ?? s.horizons[s.horizons.length - 1];
    const groups = by === "band" ? h.byBand : h.byEra;
    return groups.map((g) => ({ label: `${g.model} MAE, ${s.timing}`, groups: g.groups }));
  });
  const names = [...new Set(cols.flatMap((c) => c.groups.map((g) => g.group)))];
  const find = (gs: GroupMetrics[], name: string) => gs.find((g) => g.group === name)?.metrics;
  return {
    caption:
      `30-day forecasts by ${
        by === "band" ? "regime band of the score at the origin" : "market era of the origin"
      }: MAE of the source's winner (reversion), the ensemble and ` +
      "no change; n is the point-in-time windows.",
    header: [by === "band" ? "regime" : "era", "n", ...cols.map((c) => c.label)],
    rows: names.map((
      name,
    ) => [
      name,
      `${find(cols[0].groups, name)?.n ?? 0}`,
      ...cols.map((c) => num(find(c.groups, name)?.mae)),
    ]),
  };
}

export function marketTable(e: MacroRegimeEvaluation): TextTable {
  return {
    caption: "Long the S&P 500 when the ensemble forecasts a score above zero, cash " +
      "otherwise, against always-long, on non-overlapping windows (origins every h days). " +
      "Excess: mean window return minus always-long's, with a block-bootstrap 95% interval. " +
      "DM: Diebold–Mariano p-values on negative returns and on direction misses.",
    header: [
      "timing",
      "horizon",
      "windows",
      "long",
      "direction",
      "always-long direction",
      "mean return",
      "always-long return",
      "excess [95% CI]",
      "DM p (returns)",
      "DM p (direction)",
    ],
    rows: e.studies.flatMap((s) =>
      s.horizons.map((
        { horizon, market: m },
      ) => [
        s.timing,
        `${horizon}d`,
        `${m.n}`,
        pct(m.longShare),
        pct(m.direction.signal),
        pct(m.direction.alwaysLong),
        formatPercent(m.meanReturn.signal, 2),
        formatPercent(m.meanReturn.alwaysLong, 2),
        `${formatPercent(m.excess.mean, 2)} [${formatPercent(m.excess.low, 2)}, ${
          formatPercent(m.excess.high, 2)
        }]`,
        formatP(m.dmReturn.pValue),
        formatP(m.dmDirection.pValue),
      ])
    ),
  };
}

export function markdownTable(t: TextTable): string {
  const line = (cells: string[]) => `| ${cells.join(" | ")} |`;
  return [t.caption, "", line(t.header), line(t.header.map(() => "---")), ...t.rows.map(line)]
    .join("\n");
}
