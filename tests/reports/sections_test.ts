import assert from "node:assert/strict";
import { renderHtml } from "../../reports/html/page.ts";
import { renderMarkdown } from "../../reports/markdown.ts";
import { renderReportFiles } from "../../reports/render_report.ts";
import {
  DEFAULT_SECTIONS,
  REPORT_SECTIONS,
  resolveSections,
} from "../../reports/sections/registry.ts";
import type { ReportSection } from "../../reports/sections/section.ts";
import { fixtureMetrics } from "./report_fixture.ts";

const metrics = fixtureMetrics({ years: [2021, 2022] });
const identity = { nodeId: "report", pipeline: null, key: null };
const sectionIds = (html: string) => [...html.matchAll(/<section id="([^"]+)">/g)].map((m) => m[1]);

Deno.test("the registry lists each section once; the default is all of them, headline first", () => {
  assert.deepEqual([...REPORT_SECTIONS.keys()], [...DEFAULT_SECTIONS]);
  assert.equal(DEFAULT_SECTIONS[0], "headline");
  for (const [id, section] of REPORT_SECTIONS) {
    assert.equal(section.id, id);
    assert.match(id, /^[a-z][a-z-]*$/);
  }
  assert.throws(() => resolveSections(["headline", "nope"]), /unknown report section "nope"/);
  assert.throws(() => resolveSections(["method", "method"]), /"method" is listed twice/);
});

Deno.test("the report node's list picks the sections, their order and their charts", async () => {
  const { files } = await renderReportFiles(metrics, {
    title: "t",
    sections: ["method", "backtests", "headline"],
  });
  const html = files["index.html"] as string;
  assert.deepEqual(sectionIds(html), ["method", "backtests", "headline"]);
  const charts = [...html.matchAll(/data-chart="([^"]+)"/g)].map((m) => m[1]);
  assert.deepEqual(charts, ["equity-long-flat", "equity-long-short"], "only the chosen charts");
  assert.match(html, /2 charts\.<\/footer>/);
  const md = files["summary.md"] as string;
  const headings = [...md.matchAll(/^## (.+)$/gm)].map((m) => m[1]);
  assert.deepEqual(headings, [
    "Method",
    "Backtests (step-1 forecasts, after costs)",
    "Headline",
    "Conclusion",
  ]);
});

Deno.test("a study's own section renders on the page and in summary.md without page edits", () => {
  const custom: ReportSection = {
    id: "fold-count",
    title: "Fold count",
    html: ({ metrics }) => [`<p>${metrics.folds.length} folds</p>`],
    markdown: ({ metrics }) => ["## Fold count", `${metrics.folds.length} folds`],
  };
  const empty: ReportSection = {
    ...custom,
    id: "empty",
    html: () => [null, ""],
    markdown: () => [],
  };
  const sections = [custom, empty, ...resolveSections(["method"])];
  const html = renderHtml({
    metrics,
    title: "t",
    identity,
    sections: sections.map((section) => ({ section, charts: [] })),
  });
  assert.deepEqual(sectionIds(html), ["fold-count", "method"], "an empty section is left out");
  assert.ok(html.includes('<a href="#fold-count">Fold count</a>'));
  assert.ok(html.includes("<p>2 folds</p>"));
  const md = renderMarkdown({ metrics, title: "t", identity, sections });
  assert.match(md, /\n## Fold count\n\n2 folds\n\n## Method\n/);
});

Deno.test("the method section prints each macro series' publication timing when recorded", () => {
  const sections = resolveSections(["method"]);
  const render = (m: typeof metrics) => ({
    html: renderHtml({
      metrics: m,
      title: "t",
      identity,
      sections: sections.map((section) => ({ section, charts: [] })),
    }),
    md: renderMarkdown({ metrics: m, title: "t", identity, sections }),
  });
  const plain = render(metrics);
  assert.ok(!plain.md.includes("Publication timing"), "no line without the record");
  assert.ok(!plain.html.includes("Publication timing"));
  const assumed = render({
    ...metrics,
    settings: {
      ...metrics.settings,
      publication: {
        VIXCLS: { rule: "business-days-after", days: 0 },
        CPIAUCSL: { rule: "day-of-month-after", months: 1, day: 20 },
      },
    },
  });
  const line = "Publication timing (no release dates in the source): CPIAUCSL — assumed, the " +
    "20th of the month after; VIXCLS — assumed, 0 business days after the observation.";
  assert.ok(assumed.md.includes(`\n- ${line}`), assumed.md);
  assert.ok(assumed.html.includes(`<li>${line}</li>`));
  // Everything else in the section is the same bytes.
  assert.equal(assumed.md.replace(`\n- ${line}`, ""), plain.md);
  const released = render({
    ...metrics,
    settings: {
      ...metrics.settings,
      publication: {
        UNRATE: { rule: "release-dates" },
        CPIAUCSL: { rule: "release-dates" },
      },
    },
  });
  assert.ok(
    released.md.includes(
      "- Publication timing: CPIAUCSL — real release dates; UNRATE — real " +
        "release dates.",
    ),
  );
  const mixed = render({
    ...metrics,
    settings: {
      ...metrics.settings,
      publication: {
        UNRATE: { rule: "release-dates" },
        CPIAUCSL: { rule: "day-of-month-after", months: 1, day: 20 },
      },
    },
  });
  assert.ok(
    mixed.md.includes(
      "- Publication timing (assumed where the source has no release dates): CPIAUCSL — " +
        "assumed, the 20th of the month after; UNRATE — real release dates.",
    ),
  );
});
