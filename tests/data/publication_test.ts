import assert from "node:assert/strict";
import { isoDate, isoDay } from "../../data/dates.ts";
import { availableFrom, PUBLICATION, publicationFor } from "../../data/publication.ts";

const known = (id: string, observation: string) =>
  isoDate(availableFrom(observation, publicationFor(id)));

Deno.test("publication: default lags per series", () => {
  // CPI for April 2020 was released 2020-05-12; the default waits until the 20th.
  assert.equal(known("CPIAUCSL", "2020-04-01"), "2020-05-20");
  // Employment Situation: Nov 2023 data came out Fri 2023-12-08 (first Friday on/after the 5th).
  assert.equal(known("UNRATE", "2023-11-01"), "2023-12-08");
  assert.equal(known("UNRATE", "2024-06-01"), "2024-07-05");
  assert.equal(known("FEDFUNDS", "2024-11-01"), "2024-12-01");
  // Real GDP: Q2 2024 (dated 2024-04-01) advance estimate late July → known from Aug 1.
  assert.equal(known("GDPC1", "2024-04-01"), "2024-08-01");
  assert.equal(known("GDPC1", "2023-10-01"), "2024-02-01");
  // Daily yields: the next business day (Friday's yield is known on Monday).
  assert.equal(known("DGS10", "2024-01-05"), "2024-01-08");
  assert.equal(known("T10Y2Y", "2024-01-08"), "2024-01-09");
  assert.equal(known("VIXCLS", "2024-01-05"), "2024-01-05");
});

Deno.test("publication: no default makes a value known before its period is over", () => {
  const observations = ["2019-01-01", "2019-02-01", "2019-04-01", "2019-10-01", "2019-12-01"];
  for (const [id, spec] of Object.entries(PUBLICATION)) {
    for (const date of observations) {
      const periodDays = { daily: 0, monthly: 27, quarterly: 89 }[spec.periodicity];
      const lag = availableFrom(date, spec) - isoDay(date);
      const minimum = spec.periodicity === "daily" && id !== "VIXCLS" ? 1 : periodDays;
      assert.ok(lag >= minimum, `${id} ${date}: known after ${lag} days`);
    }
  }
});

Deno.test("publication: overrides replace the default rule", () => {
  const spec = publicationFor("CPIAUCSL", {
    CPIAUCSL: { rule: "day-of-month-after", months: 1, day: 12 },
  });
  assert.equal(isoDate(availableFrom("2020-04-01", spec)), "2020-05-12");
  const weekday = publicationFor("UNRATE", {
    UNRATE: { rule: "weekday-of-month-after", months: 1, weekday: 5, onOrAfterDay: 1 },
  });
  assert.equal(isoDate(availableFrom("2024-10-01", weekday)), "2024-11-01");
  // Day 31 in a 30-day month clamps to the month's last day.
  const late = publicationFor("X", { X: { rule: "day-of-month-after", months: 1, day: 31 } });
  assert.equal(isoDate(availableFrom("2024-08-01", late)), "2024-09-30");
});

Deno.test("publication: an unknown series without an override says how to add one", () => {
  assert.throws(
    () => publicationFor("PAYEMS"),
    /no publication lag is known for FRED series PAYEMS.*"publication" parameter/,
  );
});
