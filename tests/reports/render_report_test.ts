import assert from "node:assert/strict";
import { renderReportFiles } from "../../reports/render_report.ts";
import { fileDigests, fixtureMetrics, fixtureReport } from "./report_fixture.ts";

const { metrics, title } = fixtureReport();
const first = await renderReportFiles(metrics, { title });

Deno.test("report files are rendered, and a second render is byte-identical", async () => {
  assert.deepEqual(Object.keys(first.files).sort(), [
    "backtests.csv",
    "equity.csv",
    "index.html",
    "metrics.csv",
    "metrics.json",
    "predictions.csv",
    "significance.csv",
    "summary.md",
  ]);
  const second = await renderReportFiles(structuredClone(metrics), { title });
  for (const [name, content] of Object.entries(first.files)) {
    assert.equal(second.files[name], content, `${name} differs between two renders`);
  }
  assert.deepEqual(first.chartWarnings, [], "every chart spec compiles without warnings");
});

Deno.test("rendering does not depend on the time zone of the process", async () => {
  const script = new URL("./render_in_subprocess.ts", import.meta.url).pathname;
  const output = await new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", script],
    env: { TZ: "Pacific/Kiritimati" },
    stdout: "piped",
    stderr: "piped",
  }).output();
  assert.equal(output.code, 0, new TextDecoder().decode(output.stderr));
  const digests = JSON.parse(new TextDecoder().decode(output.stdout));
  const here = fileDigests(first.files);
  assert.deepEqual(digests, here);
});

Deno.test("index.html is self-contained: inline SVG charts, no scripts, no external resources", () => {
  const html = first.files["index.html"] as string;
  assert.ok(html.startsWith("<!doctype html>"));
  assert.ok(!/<script/i.test(html), "no scripts");
  assert.ok(!/<link|@import|url\((?!#)/i.test(html), "no stylesheets or external urls");
  const external = [...html.matchAll(/(?:src|href)="([^"#][^"]*)"/g)].map((m) => m[1]);
  assert.deepEqual(external, [], "no external src/href");
  const charts = [...html.matchAll(/data-chart="([^"]+)"/g)].map((m) => m[1]);
  assert.deepEqual(charts, [
    "collapse-epochs",
    "loss-vs-accuracy",
    "direction-by-fold",
    "excess-by-fold",
    "rolling-accuracy",
    "forecast-series",
    "predicted-vs-realised",
    "interval-calibration",
    "equity-long-flat",
    "equity-long-short",
    "attention-tft",
    "importance-tft",
  ]);
  const ids = [...html.matchAll(/\sid="([^"]+)"/g)].map((m) => m[1]);
  assert.equal(new Set(ids).size, ids.length, "element ids are unique across the page");
  for (const ref of html.matchAll(/url\(#([^)]+)\)/g)) {
    assert.ok(ids.includes(ref[1]), `url(#${ref[1]}) points at an element of the page`);
  }
  assert.ok(html.includes("Nothing beats always-long") || html.includes("beats always-long"));
  assert.ok(html.length < 1_500_000, `page is ${html.length} bytes`);
});

Deno.test("summary.md has the headline table beside always-long and a plain conclusion", () => {
  const md = first.files["summary.md"] as string;
  assert.ok(md.startsWith(`# ${title}\n`));
  assert.match(
    md,
    /\| model \| folds \| DA \(mean ± std over folds\) \| always-long, same rows \|/,
  );
  for (const label of ["always-long", "tft", "arimax", "lstm"]) {
    assert.match(md, new RegExp(`^\\| ${label} \\| 9 \\| \\d+\\.\\d% ± \\d+\\.\\d pp \\|`, "m"));
  }
  const tft = metrics.models.find((m) => m.label === "tft")!;
  const daText = `${(tft.acrossFolds.daMean! * 100).toFixed(1)}% ± ${
    (tft.acrossFolds.daStd! * 100).toFixed(1)
  } pp`;
  assert.ok(md.includes(daText), `summary quotes tft's ${daText}`);
  assert.match(md, /lstm\*\* .*has collapsed to a constant call/);
  assert.match(md, /2022 .*⚠/);
});

Deno.test("metrics.json and the CSVs carry the numbers", () => {
  const json = JSON.parse(first.files["metrics.json"] as string);
  assert.equal(json.series, undefined, "per-row series stay out of metrics.json");
  assert.equal(json.models.length, 4);
  assert.equal(json.models[1].pooled.da, metrics.models[1].pooled.da);
  const lines = (name: string) => (first.files[name] as string).trimEnd().split("\n");
  const predictions = lines("predictions.csv");
  assert.equal(predictions[0], "date,fold,regime,model,actual,point,hit,q0.1,q0.5,q0.9");
  assert.equal(predictions.length, 1 + metrics.series.reduce((n, s) => n + s.dates.length, 0));
  const backtests = lines("backtests.csv");
  assert.equal(backtests.length, 1 + 3 * 4);
  const tftLongFlat = backtests.find((l) => l.startsWith("tft,long-flat,"))!.split(",");
  const sharpe = metrics.models.find((m) => m.label === "tft")!.backtest.longFlat.sharpe!;
  assert.equal(Number(tftLongFlat[6]).toFixed(6), sharpe.toFixed(6));
  const metricRows = lines("metrics.csv");
  const pooled2022 = metricRows.find((l) => l.startsWith("tft,tft,fold,2022,"))!;
  assert.ok(pooled2022.endsWith(",true"), "the 2022 fold is flagged in metrics.csv");
  assert.ok(
    lines("significance.csv").some((l) =>
      l.startsWith("tft,diebold-mariano-hln,arimax,squared,2,")
    ),
  );
  assert.equal(lines("equity.csv")[0].split(",").length, 2 + 2 * 4);
});

Deno.test("summary.md: collapse table, per-fold and regime accuracy with intervals, the run", () => {
  const md = first.files["summary.md"] as string;
  const section = (name: string) => md.split(`## ${name}\n\n`)[1]?.split("\n## ")[0] ?? "";
  const collapse = section("Collapse diagnostics");
  assert.match(
    collapse,
    /\| model \| pattern \| up calls \| up moves \| pred\. std/,
  );
  assert.match(collapse, /^\| lstm \| collapsed \| 100\.0% \|/m);
  assert.match(collapse, /^\| always-long \| by construction \|/m);
  const tft = metrics.models.find((m) => m.label === "tft")!;
  assert.match(collapse, new RegExp(`^\\| tft \\| ${tft.collapse.pattern} \\|`, "m"));
  const ci = (x: number) => (x * 100).toFixed(1).replace("-", "−");
  const pooled = `${ci(tft.pooled.da!)}% [${ci(tft.pooled.daCi!.low)}, ${
    ci(tft.pooled.daCi!.high)
  }]`;
  const folds = section("Directional accuracy per fold");
  assert.ok(folds.includes(`| pooled | ${tft.pooled.n} |`), "pooled row");
  assert.ok(folds.includes(pooled), `per-fold table quotes tft's pooled ${pooled}`);
  assert.match(folds, /^\| 2022 \| \d+ \| \d+\.\d% \[\d+\.\d, \d+\.\d\] \| [^|]+ ⚠ \|/m);
  assert.match(section("Directional accuracy by regime"), /^\| tightening \|/m);
  assert.equal(section("Directional accuracy by calendar year"), "", "years are the folds");
  const run = section("Run");
  assert.match(run, /^Report node report; seed 7; evaluation finfusion\.evaluation\/3\.$/m);
  assert.match(
    run,
    /\| fold-2016 \(2016\) \| 2014-01-03 → 2015-12-25 \(104\) \| – \| 2016-01-01 → 2016-12-30 \| 53 \|/,
  );
  assert.match(run, /^\| fold \| training \(fit\) \| validation \(checkpoint selection\) \|/m);
  assert.match(run, /^- tft: `\{\}`$/m);
  assert.doesNotMatch(md, /deno task report/, "no key, no re-render command");
});

Deno.test("with the engine's identity, both files say how to re-render the report", async () => {
  const key = "ab12cd34ef56" + "0".repeat(52);
  const identity = { nodeId: "report", pipeline: "weekly-tft", key };
  const { files } = await renderReportFiles(metrics, { title, identity });
  const md = files["summary.md"] as string;
  const html = files["index.html"] as string;
  assert.ok(md.includes("Re-render this report with `deno task report ab12cd34ef56`."));
  assert.ok(md.includes(`Report node weekly-tft/report, key ${key}; seed 7`));
  assert.ok(md.includes("- `deno task pipeline weekly-tft`: reruns the pipeline"));
  assert.ok(html.includes("re-render: <code>deno task report ab12cd34ef56</code>"));
  assert.ok(html.includes('<section id="run"><h2>Run</h2>'));
  assert.ok(html.includes('<details class="config"><summary>tft configuration</summary>'));
  assert.ok(!html.includes("<h3>By year</h3>"), "the by-year table repeats the folds: hidden");
  const other = await renderReportFiles(metrics, {
    title,
    identity: { ...identity, key: "f".repeat(64) },
  });
  assert.notEqual(other.files["index.html"], html, "the key is part of the page");
  assert.equal(other.files["metrics.json"], files["metrics.json"]);
});

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
  assert.match(md, /Its worst test window was \d{4}-\d\d → \d{4}-\d\d: /);
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
