/**
 * Opens the rendered report in headless Chromium (Debian's `chromium`, driven by
 * playwright-core; no browser download) and fails on console errors, page errors,
 * network requests, a chart that is missing or empty, or a headline table wider than the page.
 */
import assert from "node:assert/strict";
import { join } from "node:path";
import { chromium } from "playwright-core";
import { renderReportFiles } from "../../../reports/render_report.ts";
import { fixtureMetrics } from "../report_fixture.ts";

const CHROMIUM = "/usr/bin/chromium";
const FLAGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
];

const EXPECTED_CHARTS = [
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
  "attention-heads-cls-transformer",
];

function requireChromium(): void {
  try {
    Deno.statSync(CHROMIUM);
  } catch {
    throw new Error(
      `${CHROMIUM} is missing: run \`apt-get install -y chromium\` (the test task installs it: tests/setup/main.ts); ` +
        "this test never downloads a browser of its own",
    );
  }
}

/** Problems found when Chromium loads `html`: console errors, requests, missing charts. */
async function inspectPage(html: string, charts: string[], width = 1280): Promise<string[]> {
  const dir = await Deno.makeTempDir({ prefix: "finfusion-report-" });
  const profile = await Deno.makeTempDir({ prefix: "finfusion-chromium-" });
  const page = join(dir, "index.html");
  await Deno.writeTextFile(page, html);
  const problems: string[] = [];
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: FLAGS,
    viewport: { width, height: 900 },
  });
  try {
    const tab = context.pages()[0] ?? await context.newPage();
    tab.on("console", (m) => m.type() === "error" && problems.push(`console error: ${m.text()}`));
    tab.on("pageerror", (e) => problems.push(`page error: ${e.message}`));
    tab.on("request", (r) => {
      if (!r.url().startsWith("file://") && !r.url().startsWith("data:")) {
        problems.push(`network request: ${r.url()}`);
      }
    });
    await tab.goto(`file://${page}`, { waitUntil: "load" });
    const found = await tab.$$eval("figure[data-chart]", (figures) =>
      figures.map((f) => {
        const svg = f.querySelector("svg");
        const box = svg?.getBoundingClientRect();
        return {
          id: f.getAttribute("data-chart") ?? "",
          width: box?.width ?? 0,
          height: box?.height ?? 0,
          marks: svg ? svg.querySelectorAll("path, line, rect, text").length : 0,
        };
      }));
    for (const id of charts) {
      const chart = found.find((f) => f.id === id);
      if (!chart) problems.push(`chart ${id} is missing`);
      else if (chart.width < 100 || chart.height < 80 || chart.marks < 10) {
        problems.push(
          `chart ${id} is empty (${chart.width}×${chart.height}, ${chart.marks} marks)`,
        );
      }
    }
    const headline = await tab.$eval("#headline .table-wrap", (wrap) => ({
      table: wrap.scrollWidth,
      page: wrap.clientWidth,
    }));
    if (headline.table > headline.page) {
      problems.push(
        `headline table is ${headline.table} px wide on a ${headline.page} px page (${width} px window)`,
      );
    }
    const title = await tab.title();
    if (!title) problems.push("page has no title");
  } finally {
    await context.close();
    await Deno.remove(dir, { recursive: true });
    await Deno.remove(profile, { recursive: true });
  }
  return problems;
}

const { files } = await renderReportFiles(
  fixtureMetrics({
    horizon: 2,
    models: ["always-long", "tft", "arimax", "lstm", "cls-transformer"],
  }),
  { title: "Weekly TFT — browser check" },
);
const html = files["index.html"] as string;

Deno.test("the report opens in headless Chromium with every chart drawn and no errors", async () => {
  requireChromium();
  assert.deepEqual(await inspectPage(html, EXPECTED_CHARTS), []);
});

Deno.test("the headline table fits the page in a 1000 px window", async () => {
  requireChromium();
  assert.deepEqual(await inspectPage(html, EXPECTED_CHARTS, 1000), []);
});

Deno.test("the browser check catches a console error, a missing chart, a wide table", async () => {
  requireChromium();
  const broken = html
    .replace(
      /(<figure class="chart" id="chart-interval-calibration"[\s\S]*?)<svg[\s\S]*?<\/svg>/,
      "$1",
    )
    .replace("</main>", "<script>console.error('boom')</script></main>")
    .replace("<td>tft</td>", `<td>${"tft".repeat(200)}</td>`);
  const problems = await inspectPage(broken, EXPECTED_CHARTS);
  assert.ok(problems.includes("console error: boom"), problems.join("\n"));
  assert.ok(
    problems.some((p) => p.startsWith("chart interval-calibration is")),
    problems.join("\n"),
  );
  assert.ok(problems.some((p) => p.startsWith("headline table is ")), problems.join("\n"));
});
