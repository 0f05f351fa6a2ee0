import assert from "node:assert/strict";
import { nodeTimeText } from "../../bench/engine/cold_run.ts";
import type { RunTime } from "../../engine/ledger/run_time.ts";

Deno.test("the cold run's node time names the slowest groups, split by their coarsest axis", () => {
  const time: RunTime = {
    ran: 6,
    ranMs: 158_000,
    groups: [
      {
        group: "fit",
        nodes: 4,
        ms: 141_000,
        longest: { id: "fit[year=2018,model=tft]", ms: 18_800 },
        axes: [
          {
            axis: "year",
            values: [
              { value: "2018", nodes: 2, ms: 90_000 },
              { value: "2017", nodes: 1, ms: 30_000 },
              { value: "2016", nodes: 1, ms: 21_000 },
            ],
          },
          {
            axis: "model",
            values: [{ value: "tft", nodes: 2, ms: 80_000 }, {
              value: "lstm",
              nodes: 2,
              ms: 61_000,
            }],
          },
        ],
      },
      { group: "predict", nodes: 1, ms: 17_000, longest: { id: "predict", ms: 17_000 }, axes: [] },
      { group: "report", nodes: 1, ms: 400, longest: { id: "report", ms: 400 }, axes: [] },
    ],
  };
  assert.equal(
    nodeTimeText(time, 2),
    "fit 141 s (model: tft 80 s, lstm 61 s); predict 17 s",
  );
  assert.equal(nodeTimeText(time).split("; ").at(-1), "report 0.4 s");
});
