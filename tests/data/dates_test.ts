import assert from "node:assert/strict";
import {
  addWeekdays,
  isoDate,
  isoDay,
  mondayOf,
  parseIsoDay,
  weekday,
  weekdaysBetween,
} from "../../data/dates.ts";

Deno.test("dates: ISO parsing rejects impossible dates", () => {
  assert.equal(parseIsoDay("2024-02-29"), isoDay("2024-02-29"));
  assert.equal(parseIsoDay("2023-02-29"), null);
  assert.equal(parseIsoDay("2024-13-01"), null);
  assert.equal(parseIsoDay("2024-1-01"), null);
  assert.equal(isoDate(isoDay("1990-01-02")), "1990-01-02");
});

Deno.test("dates: weekdays, Mondays and business-day steps", () => {
  assert.equal(weekday(isoDay("2024-03-29")), 5);
  assert.equal(isoDate(mondayOf(isoDay("2024-03-31"))), "2024-03-25");
  assert.equal(isoDate(addWeekdays(isoDay("2024-01-05"), 1)), "2024-01-08");
  assert.equal(isoDate(addWeekdays(isoDay("2024-01-06"), 0)), "2024-01-08");
  assert.equal(weekdaysBetween(isoDay("2024-01-05"), isoDay("2024-01-08")), 0);
  assert.equal(weekdaysBetween(isoDay("2001-09-10"), isoDay("2001-09-17")), 4);
});
