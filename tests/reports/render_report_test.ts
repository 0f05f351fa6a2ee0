import assert from "node:assert/strict";
import { renderReportFiles } from "../../reports/render_report.ts";
import { fileDigests, fixtureReport } from "./report_fixture.ts";

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
