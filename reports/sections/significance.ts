/** "Significance tests": Pesaran–Timmermann and Diebold–Mariano, every comparison and step. */
import { significanceTable } from "../html/detail_tables.ts";
import type { ReportSection } from "./section.ts";

export const significanceSection: ReportSection = {
  id: "significance",
  title: "Significance tests",
  html: ({ metrics }) => [significanceTable(metrics)],
  // summary.md quotes the step-1 tests in its headline; all are in significance.csv.
  markdown: () => [],
};
