import assert from "node:assert/strict";
import { conclusionParagraphs, overallConclusion, verdictOf } from "../../reports/conclusion.ts";
import type { EvaluationMetrics } from "../../evaluation/evaluation.ts";
import { fixtureMetrics } from "./report_fixture.ts";

const metrics = fixtureMetrics();

function withExcessCi(base: EvaluationMetrics, label: string, low: number, high: number) {
  const copy = structuredClone(base);
  copy.models.find((m) => m.label === label)!.pooled.excessCi = { low, high };
  return copy;
}

Deno.test("verdicts follow the pooled paired interval of the excess", () => {
  const tft = metrics.models.find((m) => m.label === "tft")!;
  assert.equal(
    verdictOf({ ...tft, pooled: { ...tft.pooled, excessCi: { low: 0.01, high: 0.05 } } }),
    "beats",
  );
  assert.equal(
    verdictOf({ ...tft, pooled: { ...tft.pooled, excessCi: { low: -0.05, high: -0.01 } } }),
    "loses",
  );
  assert.equal(
    verdictOf({ ...tft, pooled: { ...tft.pooled, excessCi: { low: -0.01, high: 0.05 } } }),
    "ties",
  );
});

Deno.test("the opening sentence says plainly when nothing beats always-long", () => {
  let tied = withExcessCi(metrics, "tft", -0.02, 0.03);
  tied = withExcessCi(tied, "arimax", -0.04, 0.01);
  assert.equal(
    overallConclusion(tied),
    "Nothing beats always-long: no model's pooled directional accuracy is above always-long's " +
      "on the same weeks with 95% confidence.",
  );
  const worse = withExcessCi(tied, "arimax", -0.09, -0.01);
  assert.match(
    overallConclusion(worse),
    /Nothing beats always-long.*, and arimax is significantly worse\.$/,
  );
  const winner = withExcessCi(tied, "tft", 0.01, 0.09);
  assert.match(
    overallConclusion(winner),
    /^tft beats always-long with 95% confidence .*; arimax and lstm do not\.$/,
  );
});

Deno.test("each model's paragraph quotes its numbers beside always-long", () => {
  const [, tft, arimax, lstm] = conclusionParagraphs(metrics);
  const m = metrics.models.find((x) => x.label === "tft")!;
  assert.ok(tft.startsWith("**tft** called the direction right on "));
  const pct = (x: number) => (x * 100).toFixed(1);
  const withCi = (x: number, ci: { low: number; high: number }) =>
    `${pct(x)}% [${pct(ci.low)}, ${pct(ci.high)}]`;
  assert.ok(
    tft.includes(
      `Pooled, that is ${withCi(m.pooled.da!, m.pooled.daCi!)} against ` +
        `${withCi(m.pooled.baseRate!, m.pooled.baseRateCi!)}: an excess of `,
    ),
    tft,
  );
  assert.match(
    tft,
    /Its worst test year against always-long was 2022: [\d.]+% against always-long's [\d.]+% \(excess [^,]+ pp, CI \[[^\]]+\] pp\), worse than a coin flip/,
  );
  assert.match(arimax, /Pesaran–Timmermann test finds no evidence of directional skill/);
  assert.match(lstm, /It has collapsed to a constant call: it calls "up" on 100\.0% of test weeks/);
  assert.match(lstm, /the same calls as always-long on every row/);
  assert.match(lstm, /1 trade\)/);
});

Deno.test("the worst year is the one with the lowest excess, not the lowest accuracy", () => {
  const arimax = metrics.models.find((m) => m.label === "arimax")!;
  const byExcess = [...arimax.folds].sort((x, y) => x.excess! - y.excess!)[0];
  const byAccuracy = [...arimax.folds].sort((x, y) => x.da! - y.da!)[0];
  assert.notEqual(byExcess.group, byAccuracy.group, "the fixture should tell the two apart");
  const [, , paragraph] = conclusionParagraphs(metrics);
  assert.ok(
    paragraph.includes(`Its worst test year against always-long was ${byExcess.group}: `),
    paragraph,
  );
  // On a tie in excess, the lower accuracy is the worse year.
  const tied = structuredClone(metrics);
  const folds = tied.models.find((m) => m.label === "arimax")!.folds;
  const [higher, lower] = [folds[1], folds[5]].sort((x, y) => y.da! - x.da!);
  assert.ok(higher.da! > lower.da!, "the fixture should give the two folds different accuracies");
  higher.excess = lower.excess = byExcess.excess! - 0.01;
  assert.ok(conclusionParagraphs(tied)[2].includes(`against always-long was ${lower.group}: `));
});

Deno.test("a model with always-long's calls in every fold has no worst year to name", () => {
  const lstm = metrics.models.find((m) => m.label === "lstm")!;
  assert.ok(lstm.folds.every((fold) => fold.excess === 0), "the fixture's lstm is always-long");
  const [, , , paragraph] = conclusionParagraphs(metrics);
  assert.doesNotMatch(paragraph, /Its worst/);
  assert.match(conclusionParagraphs(metrics)[1], /Its worst test year against always-long was /);
});

Deno.test("each paragraph says plainly how close the model's calls are to always-long", () => {
  const tft = metrics.models.find((x) => x.label === "tft")!;
  const d = tft.collapse.departures;
  const [, paragraph] = conclusionParagraphs(metrics);
  assert.ok(
    paragraph.includes(`It departs from always-long (a "down" call) on ${d.rows} weeks (`),
    paragraph,
  );
  assert.match(paragraph, /Its forecasts vary \d\.\d\d times as much as the realised returns/);
  assert.match(paragraph, /In training, its share of "up" calls on the validation weeks went /);
  const near = structuredClone(metrics);
  const copy = near.models.find((x) => x.label === "tft")!;
  copy.collapse.pattern = "near always-long";
  copy.pooled.shareLong = 0.829;
  copy.pooled.stdRatio = 0.254;
  const [, nearParagraph] = conclusionParagraphs(near);
  assert.match(nearParagraph, /vary 0\.25 times as much .* call "up" on 82\.9% of test weeks/);
  assert.match(
    nearParagraph,
    /so it is near always-long: at least 80% of its calls are "up", though it is not collapsed/,
  );
});
