/**
 * Publication lags: the one place that says when each macro observation becomes known.
 * An observation enters the features only at bars that end on or after its availability
 * date (a release at 8:30 ET is known by that day's close). Override per series from a DAG
 * file with the feature node's `publication` parameter. Rationale, sources and exceptions
 * (shutdown-delayed releases) are in data/README.md.
 */
import { z } from "zod";
import { addWeekdays, dayOf, isoDay, splitDay, weekday } from "./dates.ts";
import type { Periodicity } from "./gaps.ts";

export const publicationRuleSchema = z.discriminatedUnion("rule", [
  /** Known `days` weekdays after the observation date (0 = the same day). */
  z.object({ rule: z.literal("business-days-after"), days: z.number().int().min(0).max(60) })
    .strict(),
  /** Known on `day` of the month `months` after the period's last month. */
  z.object({
    rule: z.literal("day-of-month-after"),
    months: z.number().int().min(0).max(12),
    day: z.number().int().min(1).max(31),
  }).strict(),
  /** Known on the first `weekday` (1 = Monday … 5 = Friday) on or after `onOrAfterDay`. */
  z.object({
    rule: z.literal("weekday-of-month-after"),
    months: z.number().int().min(0).max(12),
    weekday: z.number().int().min(1).max(5),
    onOrAfterDay: z.number().int().min(1).max(28),
  }).strict(),
  /**
   * Known on the provider's own first-release date of each observation (a `realtime_start`
   * column from ALFRED / FRED realtime periods). The default whenever the fetch has them.
   */
  z.object({ rule: z.literal("release-dates") }).strict(),
]);

export type PublicationRule = z.infer<typeof publicationRuleSchema>;

export interface PublicationSpec {
  periodicity: Periodicity;
  rule: PublicationRule;
}

/** Default lags per FRED series; see data/README.md ("Publication lags") for the reasons. */
export const PUBLICATION: Readonly<Record<string, PublicationSpec>> = {
  /** CPI for month M: BLS releases mid M+1; the 20th leaves a margin for late releases. */
  CPIAUCSL: { periodicity: "monthly", rule: { rule: "day-of-month-after", months: 1, day: 20 } },
  /** Employment Situation: first Friday of M+1, the second when the first is before the 5th. */
  UNRATE: {
    periodicity: "monthly",
    rule: { rule: "weekday-of-month-after", months: 1, weekday: 5, onOrAfterDay: 5 },
  },
  /** Monthly average of daily rates: complete once the month is over. */
  FEDFUNDS: { periodicity: "monthly", rule: { rule: "day-of-month-after", months: 1, day: 1 } },
  /** Advance estimate about four weeks after the quarter: the 1st of the second month after. */
  GDPC1: { periodicity: "quarterly", rule: { rule: "day-of-month-after", months: 2, day: 1 } },
  /** H.15 yields: posted the next business day. */
  DGS10: { periodicity: "daily", rule: { rule: "business-days-after", days: 1 } },
  DGS2: { periodicity: "daily", rule: { rule: "business-days-after", days: 1 } },
  T10Y2Y: { periodicity: "daily", rule: { rule: "business-days-after", days: 1 } },
  /** VIX close: known at the end of the same day. */
  VIXCLS: { periodicity: "daily", rule: { rule: "business-days-after", days: 0 } },
};

/** The default spec with any override applied; an unknown series without one is an error. */
export function publicationFor(
  id: string,
  overrides: Readonly<Record<string, PublicationRule>> = {},
): PublicationSpec {
  const base = PUBLICATION[id];
  const rule = overrides[id] ?? base?.rule;
  if (!rule) {
    throw new Error(
      `no publication lag is known for FRED series ${id}: add one to the feature node's ` +
        `"publication" parameter, e.g. { "${id}": { "rule": "day-of-month-after", ` +
        `"months": 1, "day": 20 } }`,
    );
  }
  return { periodicity: base?.periodicity ?? "monthly", rule };
}

/** Last day (day number) of the period an observation date stands for. */
function periodEnd(observation: number, periodicity: Periodicity): number {
  if (periodicity === "daily") return observation;
  const { year, month } = splitDay(observation);
  const months = periodicity === "monthly" ? 1 : 3;
  return dayOf(year, month + months, 1) - 1;
}

/** Day number from which an observation dated `observationDate` is known. */
export function availableFrom(observationDate: string, spec: PublicationSpec): number {
  const end = periodEnd(isoDay(observationDate), spec.periodicity);
  const { rule } = spec;
  if (rule.rule === "release-dates") {
    throw new Error(`the "release-dates" rule needs the provider's dates, not a calendar rule`);
  }
  if (rule.rule === "business-days-after") return addWeekdays(end, rule.days);
  const { year, month } = splitDay(end);
  if (rule.rule === "day-of-month-after") {
    const lastDay = dayOf(year, month + rule.months + 1, 1) - 1;
    return Math.min(dayOf(year, month + rule.months, rule.day), lastDay);
  }
  let day = dayOf(year, month + rule.months, rule.onOrAfterDay);
  while (weekday(day) !== rule.weekday) day++;
  return day;
}

const ORDINAL = ["", "1st", "2nd", "3rd"];
const WEEKDAYS = ["", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday"];

/**
 * One line for a report: whether a series' timing came from the provider's release dates or
 * from an assumed rule, and which, e.g. "CPIAUCSL: assumed, the 20th of the month after".
 */
export function describePublication(id: string, rule: PublicationRule): string {
  const nth = (n: number) => ORDINAL[n] ?? `${n}th`;
  const after = (months: number) =>
    months === 0
      ? "the period's last month"
      : months === 1
      ? "the month after"
      : `${months} months after`;
  switch (rule.rule) {
    case "release-dates":
      return `${id}: the provider's first-release dates`;
    case "business-days-after":
      return `${id}: assumed, ${rule.days} business day${
        rule.days === 1 ? "" : "s"
      } after the observation`;
    case "day-of-month-after":
      return `${id}: assumed, the ${nth(rule.day)} of ${after(rule.months)}`;
    case "weekday-of-month-after":
      return `${id}: assumed, the first ${WEEKDAYS[rule.weekday]} on or after the ` +
        `${nth(rule.onOrAfterDay)} of ${after(rule.months)}`;
  }
}
