import assert from "node:assert/strict";
import type { ModelEvaluation } from "../../evaluation/evaluation.ts";
import { collapseSentence, volatilitySentence } from "../../reports/collapse_words.ts";
import { fixtureMetrics } from "./report_fixture.ts";

const lstm = fixtureMetrics({ years: [2021, 2022] }).models.find((m) => m.label === "lstm")!;

function withCalls(shareLong: number, stdRatio: number | null, predictionStd = 0.001) {
  return {
    ...lstm,
    pooled: { ...lstm.pooled, shareLong, stdRatio, predictionStd },
  } as ModelEvaluation;
}

Deno.test("split calls on forecasts that barely move are not called a constant call", () => {
  const sentence = collapseSentence(withCalls(0.54, 0.03), "weeks");
  assert.equal(
    sentence,
    "Its forecasts have collapsed to almost a constant: their std is 3.0% of the realised " +
      `returns', so its calls ("up" on 54.0% of test weeks) hang on forecasts barely ` +
      "different from zero rather than on a view of the direction.",
  );
  assert.doesNotMatch(sentence, /constant call/);
});

Deno.test("one-sided calls are a constant call, on the side measured", () => {
  assert.equal(
    collapseSentence(withCalls(0.99, 0.5), "weeks"),
    'It has collapsed to a constant call: it calls "up" on 99.0% of test weeks.',
  );
  assert.equal(
    collapseSentence(withCalls(0.02, 0.04), "days"),
    'It has collapsed to a constant call: it calls "down" on 98.0% of test days, and its ' +
      "forecasts' std is 4.0% of the realised returns'.",
  );
  assert.match(
    collapseSentence(withCalls(0.97, 0.0004), "weeks"),
    /std is less than 0\.1% of the realised returns'\.$/,
  );
  assert.equal(
    collapseSentence(withCalls(1, null, 0), "weeks"),
    'Its forecasts are constant, so it makes the same call on every test row ("up" on ' +
      "100.0% of test weeks).",
  );
});

Deno.test("a variance forecaster's verdict follows QLIKE against the best constant", () => {
  const score = {
    rows: 104,
    forecastVol: 0.02,
    realisedVol: 0.021,
    correlation: 0.31,
    coverage95: 0.94,
    qlike: -7.2,
    qlikeConstant: -7.1,
  };
  const better = volatilitySentence(score, "weeks");
  assert.match(better, /over 104 test weeks its σ̂² correlates .* at r = 0\.31, 94\.0% of returns/);
  assert.match(better, /: it forecasts volatility better than the best constant variance/);
  const worse = volatilitySentence({ ...score, qlike: -7.0 }, "weeks");
  assert.match(worse, /: it does not forecast volatility better than the best constant/);
});
