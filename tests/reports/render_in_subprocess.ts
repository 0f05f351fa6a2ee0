/** Renders the fixture report in a separate process and prints SHA-256 digests of its files. */
import { renderReportFiles } from "../../reports/render_report.ts";
import { fixtureMetrics } from "./report_fixture.ts";

const { files } = await renderReportFiles(fixtureMetrics({ horizon: 2 }), {
  title: "Weekly TFT — fixture",
});
const digests: Record<string, string> = {};
for (const [name, content] of Object.entries(files).sort()) {
  const data = typeof content === "string" ? new TextEncoder().encode(content) : content;
  const hash = await crypto.subtle.digest("SHA-256", new Uint8Array(data));
  digests[name] = [...new Uint8Array(hash)].map((b) => b.toString(16).padStart(2, "0")).join("");
}
console.log(JSON.stringify(digests));
