/**
 * `index.html`: one self-contained page (inline CSS and SVG, no scripts, no network): a
 * header (title, experiment, how to re-render), a navigation bar, then the chosen report
 * sections in order (`sections/registry.ts`; by default the headline and conclusion first,
 * the run and the method notes last), each with its charts.
 */
import type { EvaluationMetrics } from "../../evaluation/evaluation.ts";
import { experimentLine } from "../overview.ts";
import { identityLine, reportCommand, type RunIdentity } from "../run_info.ts";
import type { ReportSection } from "../sections/section.ts";
import { escapeHtml } from "./escape.ts";
import { figure, type PageChart } from "./figure.ts";
import { STYLE } from "./style.ts";

/** A chosen section and its rendered charts. */
export interface PageSection {
  section: ReportSection;
  charts: PageChart[];
}

export interface PageOptions {
  metrics: EvaluationMetrics;
  title: string;
  sections: PageSection[];
  identity: RunIdentity;
}

function sectionHtml(id: string, title: string, parts: Array<string | null>): string {
  const body = parts.filter((p): p is string => p !== null && p !== "").join("\n");
  return `<section id="${id}"><h2>${escapeHtml(title)}</h2>\n${body}\n</section>`;
}

/** Under the title: where the report came from and how to re-render it. */
function runLine(identity: RunIdentity): string {
  if (!identity.pipeline && !identity.key) return "";
  const parts = [
    identity.pipeline ? `Pipeline ${escapeHtml(identity.pipeline)}` : null,
    identity.key ? `re-render: <code>${escapeHtml(reportCommand(identity.key))}</code>` : null,
    `<a href="#run">run details</a>`,
  ].filter((p) => p !== null);
  return `<p class="run-line">${parts.join(" · ")}</p>`;
}

export function renderHtml(options: PageOptions): string {
  const { metrics, title, identity } = options;
  const rendered = options.sections.map(({ section, charts }) => ({
    section,
    parts: section.html({
      metrics,
      identity,
      figures: (keep = () => true) =>
        charts.filter((c) => keep(c.definition)).map(figure).join("\n"),
    }),
  }));
  const visible = rendered.filter(({ parts }) => parts.some((p) => p));
  const chartCount = options.sections.reduce((n, s) => n + s.charts.length, 0);
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>${STYLE}</style>
</head>
<body>
<main>
<header><h1>${escapeHtml(title)}</h1><p class="lede">${escapeHtml(experimentLine(metrics))}</p>${
    runLine(identity)
  }</header>
<nav>${
    visible.map(({ section }) => `<a href="#${section.id}">${escapeHtml(section.title)}</a>`)
      .join("\n")
  }</nav>
${visible.map(({ section, parts }) => sectionHtml(section.id, section.title, parts)).join("\n")}
<footer>${escapeHtml(identityLine(identity, metrics))} ${chartCount} charts.</footer>
</main>
</body>
</html>
`;
}
