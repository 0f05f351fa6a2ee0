/** The report of walk-forward folds (test windows, not years) with tabular and CLS models. */
import assert from "node:assert/strict";
import { renderReportFiles } from "../../reports/render_report.ts";
import { fixtureMetrics } from "./report_fixture.ts";

const title = "Walk-forward — fixture";
const walkForward = fixtureMetrics({
  walkForward: true,
  models: ["always-long", "tft", "cls-transformer", "ridge", "random-forest"],
});
const wf = await renderReportFiles(walkForward, { title });

/** The `<figure>` of a chart, caption and SVG. */
function figureOf(html: string, id: string): string {
  const start = html.indexOf(`data-chart="${id}"`);
  assert.ok(start > 0, `chart ${id} is on the page`);
  return html.slice(start, html.indexOf("</figure>", start));
}

Deno.test("walk-forward folds are named by their test window, in both files, byte-identically", async () => {
  const md = wf.files["summary.md"] as string;
  const html = wf.files["index.html"] as string;
  assert.equal(walkForward.folds.length, 18);
  assert.equal(walkForward.folds[0].label, "2016-01 → 2016-06");
  const perFold = md.split("## Directional accuracy per fold\n\n")[1].split("\n## ")[0];
  assert.match(perFold, /^\| test window \| rows \| always-long \[CI\] \|/m);
  assert.match(perFold, /^\| 2016-01 → 2016-06 \| 26 \| /m);
  assert.match(perFold, /^\| 2024-07 → 2024-12 \| 26 \| /m);
  assert.match(md, /Its worst test window against always-long was \d{4}-\d\d → \d{4}-\d\d: /);
  // Fold ids appear in the Run section only, beside the training span.
  const [beforeRun, run] = md.split("## Run\n");
  assert.ok(!beforeRun.includes("walk-forward-"), "no fold id outside the Run section");
  assert.match(
    run,
    /^\| walk-forward-0-2016-01-01-weekly \| 2014-01-03 → 2015-12-25 \(104\) \| – \| 2016-01-01 → 2016-06-24 \| 26 \|$/m,
  );
  const [pageBeforeRun] = html.split('<section id="run">');
  assert.ok(!pageBeforeRun.includes("walk-forward-"), "the page names folds by window too");
  assert.ok(html.includes("<th>test window</th>"));
  assert.ok(figureOf(html, "direction-by-fold").includes("2016-07 → 2016-12"), "axis labels");
  assert.ok(html.includes("<td>walk-forward-17-2024-07-01-weekly</td><td>2022-01-07 → 2023-12-29"));
  const again = await renderReportFiles(structuredClone(walkForward), { title });
  for (const [name, content] of Object.entries(wf.files)) {
    assert.equal(again.files[name], content, `${name} differs between two renders`);
  }
  assert.deepEqual(wf.chartWarnings, []);
});

Deno.test("interpretation captions say what each model's numbers are", () => {
  const html = wf.files["index.html"] as string;
  const attention = figureOf(html, "attention-tft");
  assert.ok(!attention.includes("decoder"));
  assert.match(attention, /Attention weight on each input step \(mean over heads, test forecasts/);
  assert.match(attention, /dashed line: uniform attention/);
  const tft = figureOf(html, "importance-tft");
  assert.match(tft, /tft: variable-selection weights/);
  assert.match(tft, /sum to 1 within each input group/);
  assert.ok(tft.includes("mean selection weight (sums to 1 within the group)"), "axis title");
  const forest = figureOf(html, "importance-random-forest");
  assert.match(forest, /random-forest: importance shares/);
  assert.match(forest, /sum to 1 over all 17 inputs together/);
  assert.ok(!forest.includes("selection"), "tree importances are not selection weights");
  assert.ok(forest.includes("mean share of total importance"), "axis title");
  const heads = figureOf(html, "attention-heads-cls-transformer");
  assert.match(heads, /Attention of the classification \(\[CLS\]\) token to each input step/);
  assert.match(heads, /Each row sums to 1\.00\./);
  assert.ok(!html.includes("linear models, averaged"), "ridge and GARCH share one honest caption");
  assert.match(html, /<th>coefficient<\/th><th class="num">mean<\/th>/);
});

Deno.test("summary.md: what the models look at, from the numbers behind the charts", () => {
  const md = wf.files["summary.md"] as string;
  const html = wf.files["index.html"] as string;
  const section = md.split("## What the models look at\n\n")[1]?.split("\n## ")[0] ?? "";
  const sub = (label: string) => section.split(`### ${label}\n\n`)[1]?.split("\n### ")[0] ?? "";
  const tft = walkForward.models.find((m) => m.label === "tft")!.explanation!;
  const attention = sub("tft").split("\n")[0];
  assert.match(attention, /^- Attention over the 8 input steps \(mean over heads, test forecasts/);
  assert.match(
    attention,
    /highest at step 0 \(0\.195, 1\.56× the uniform 1\/8 = 0\.125\), lowest at step −7/,
  );
  assert.match(attention, /18 of 18 folds peak at step 0 too\./);
  assert.ok(html.includes(attention.slice(2)), "the page prints the same sentence");
  const pastTop = tft.variableImportance.find((r) => r.group === "past")!;
  assert.equal(pastTop.name, "return_lag");
  assert.match(sub("tft"), /^\| past \| return_lag \| 40\.0% \| 40\.0% – 40\.0% \|$/m);
  assert.match(sub("tft"), /^\| future \| week_of_year \| 60\.0% \|/m);
  assert.match(sub("tft"), /^\| static \| regime \| 100\.0% \|/m);
  assert.match(sub("cls-transformer"), /^- By layer \(mean over heads; peak ÷ uniform\): layer 1 /);
  const ridge = sub("ridge");
  assert.match(ridge, /10 of 16 shown \(largest absolute mean\)\./);
  assert.match(ridge, /^\| coefficient \| mean \| std over folds \| same sign \|$/m);
  assert.match(
    ridge,
    /^\| intercept \| 0\.00110 \| 0\.00000 \| 18 of 18 \|\n\| lag0:vix \| −0\.00094 \| 0\.00005 \| 18 of 18 \|/m,
  );
  const forest = walkForward.models.find((m) => m.label === "random-forest")!.explanation!;
  const shown = [...forest.variableImportance].sort((a, b) => b.mean - a.mean).slice(0, 10);
  const rest = 1 - shown.reduce((sum, r) => sum + r.mean, 0);
  assert.ok(
    sub("random-forest").includes(
      `10 of 17 inputs shown; the other 7 hold ${(rest * 100).toFixed(1)}% of the total.`,
    ),
  );
  assert.match(sub("random-forest"), /^\| past \| lag0:ret \| \d+\.\d+% \| /m);
  assert.equal(sub("always-long"), "", "no explanation, no subsection");
});
